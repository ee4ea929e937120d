//! A generated stand-in for the 1927 group photo of the Left Opposition: no scan of the
//! original is at hand, so the sample draws one. A sepia field with a wall and a bench, nine
//! plain silhouettes where the caption's two rows of people would be (four standing behind,
//! five sitting in front), and across the bottom, in block letters, "GENERATED PLACEHOLDER -
//! NOT THE 1927 PHOTOGRAPH", so that nobody takes it for the real one.
//!
//! Drawn pixel by pixel with the `image` crate alone: no font or drawing crate for one picture.

use image::{Rgb, RgbImage};

use crate::photo::Rect;

/// The image's size in pixels.
pub(super) const WIDTH: u32 = 1600;
/// Height.
pub(super) const HEIGHT: u32 = 1000;

/// The words written on the image.
pub(super) const LABEL: &str = "GENERATED PLACEHOLDER - NOT THE 1927 PHOTOGRAPH";

const PAPER: [u8; 3] = [214, 190, 150];
const WALL: [u8; 3] = [176, 144, 104];
const BENCH: [u8; 3] = [120, 88, 56];
const FIGURE_STANDING: [u8; 3] = [92, 64, 40];
const FIGURE_SITTING: [u8; 3] = [66, 44, 26];
const BAND: [u8; 3] = [40, 26, 14];
const INK: [u8; 3] = [240, 226, 196];

/// Centres of the figures: the back row standing, the front row sitting, left to right.
const STANDING_X: [u32; 4] = [380, 660, 940, 1220];
const SITTING_X: [u32; 5] = [240, 520, 800, 1080, 1360];

/// Where each figure is, as the caption orders them: row 0 is "Sitting" (the caption's first
/// row), row 1 "Standing"; positions left to right.
pub(super) fn figure_regions() -> Vec<(u32, u32, Rect)> {
    let sitting = SITTING_X.iter().enumerate().map(|(i, &cx)| {
        (
            0,
            i as u32,
            Rect {
                x: cx - 100,
                y: 420,
                width: 200,
                height: 430,
            },
        )
    });
    let standing = STANDING_X.iter().enumerate().map(|(i, &cx)| {
        (
            1,
            i as u32,
            Rect {
                x: cx - 95,
                y: 170,
                width: 190,
                height: 300,
            },
        )
    });
    sitting.chain(standing).collect()
}

/// The placeholder, encoded as JPEG.
pub(super) fn group_photo_jpeg() -> std::io::Result<Vec<u8>> {
    let mut img = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb(PAPER));
    fill_rect(&mut img, 0, 0, WIDTH, 560, WALL);
    // The wall's boards, a visible pattern even at thumbnail size.
    for x in (0..WIDTH).step_by(80) {
        fill_rect(&mut img, x, 0, 4, 560, BENCH);
    }
    for &cx in &STANDING_X {
        figure(&mut img, cx, 240, 470, FIGURE_STANDING);
    }
    fill_rect(&mut img, 80, 640, WIDTH - 160, 60, BENCH);
    for &cx in &SITTING_X {
        figure(&mut img, cx, 490, 850, FIGURE_SITTING);
    }
    // The label band: hatched edges and block letters.
    fill_rect(&mut img, 0, 880, WIDTH, 120, BAND);
    for x in 0..WIDTH {
        for y in 880..892 {
            if (x + y) % 16 < 8 {
                img.put_pixel(x, y, Rgb(INK));
            }
        }
        for y in 988..1000 {
            if (x + y) % 16 < 8 {
                img.put_pixel(x, y, Rgb(INK));
            }
        }
    }
    let scale = 5;
    let text_width = LABEL.chars().count() as u32 * 6 * scale;
    write_text(&mut img, (WIDTH - text_width) / 2, 922, scale, LABEL);
    crate::photo::thumbnail::encode_jpeg(&image::DynamicImage::ImageRgb8(img), 90)
}

fn fill_rect(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
    for py in y..(y + h).min(img.height()) {
        for px in x..(x + w).min(img.width()) {
            img.put_pixel(px, py, Rgb(color));
        }
    }
}

fn fill_ellipse(img: &mut RgbImage, cx: i64, cy: i64, rx: i64, ry: i64, color: [u8; 3]) {
    for py in (cy - ry).max(0)..=(cy + ry).min(img.height() as i64 - 1) {
        for px in (cx - rx).max(0)..=(cx + rx).min(img.width() as i64 - 1) {
            let (dx, dy) = (px - cx, py - cy);
            if dx * dx * ry * ry + dy * dy * rx * rx <= rx * rx * ry * ry {
                img.put_pixel(px as u32, py as u32, Rgb(color));
            }
        }
    }
}

/// A head at (cx, head_y) and a body with rounded shoulders down to `bottom`.
fn figure(img: &mut RgbImage, cx: u32, head_y: u32, bottom: u32, color: [u8; 3]) {
    let (cx, head_y, bottom) = (i64::from(cx), i64::from(head_y), i64::from(bottom));
    fill_ellipse(img, cx, head_y, 42, 52, color);
    let shoulders = head_y + 70;
    fill_ellipse(img, cx, shoulders + 20, 88, 40, color);
    fill_rect(
        img,
        (cx - 88) as u32,
        (shoulders + 20) as u32,
        176,
        (bottom - shoulders - 20) as u32,
        color,
    );
}

/// 5×7 block letters for the label, one string of seven rows per character.
fn glyph(c: char) -> [&'static str; 7] {
    match c {
        'A' => [
            ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'C' => [
            ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.",
        ],
        'D' => [
            "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.",
        ],
        'E' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#####",
        ],
        'G' => [
            ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####",
        ],
        'H' => [
            "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'L' => [
            "#....", "#....", "#....", "#....", "#....", "#....", "#####",
        ],
        'N' => [
            "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#",
        ],
        'O' => [
            ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'P' => [
            "####.", "#...#", "#...#", "####.", "#....", "#....", "#....",
        ],
        'R' => [
            "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#",
        ],
        'T' => [
            "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..",
        ],
        '1' => [
            "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        '2' => [
            ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",
        ],
        '7' => [
            "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...",
        ],
        '9' => [
            ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..",
        ],
        '-' => [
            ".....", ".....", ".....", "#####", ".....", ".....", ".....",
        ],
        _ => ["....."; 7],
    }
}

fn write_text(img: &mut RgbImage, x: u32, y: u32, scale: u32, text: &str) {
    for (n, c) in text.chars().enumerate() {
        let left = x + n as u32 * 6 * scale;
        for (row, bits) in glyph(c).iter().enumerate() {
            for (col, bit) in bits.chars().enumerate() {
                if bit == '#' {
                    fill_rect(
                        img,
                        left + col as u32 * scale,
                        y + row as u32 * scale,
                        scale,
                        scale,
                        INK,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
