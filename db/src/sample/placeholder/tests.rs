use super::*;

#[test]
fn every_letter_of_the_label_has_a_glyph_and_every_figure_is_inside() {
    for c in LABEL.chars().filter(|c| *c != ' ') {
        assert_ne!(glyph(c), ["....."; 7], "{c} is drawn");
    }
    for (_, _, r) in figure_regions() {
        assert!(r.x + r.width <= WIDTH && r.y + r.height <= HEIGHT, "{r:?}");
    }
    let jpeg = group_photo_jpeg().unwrap();
    let img = image::load_from_memory(&jpeg).unwrap();
    assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
}
