import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { fireEvent, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, backend, reset } from "../../../test/fake-api";
import { photoMocks, photosOf, seedGroupPhoto } from "../../../test/fake-photos";
import { renderWindow, seedSample } from "../../../test/render";

let g: ReturnType<typeof seedGroupPhoto>;

beforeEach(() => {
  reset();
  seedSample();
  g = seedGroupPhoto();
});

afterEach(() => vi.restoreAllMocks());

/** The image file, read as the browser would have read it (jsdom reads no images). */
async function imageRead(outcome: "load" | "error" = "load") {
  const img = await vi.waitFor(() => screen.getByTestId("photo-image").querySelector("img")!);
  await (outcome === "load" ? fireEvent.load(img) : fireEvent.error(img));
}

async function openPhoto({ read = true } = {}) {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getByTestId("nav-photos"));
  const tile = await screen.findByTestId("photo-tile");
  await user.click(tile);
  await screen.findByTestId("photo-viewer");
  await vi.waitFor(() => expect(screen.getByTestId("photo-image")).toBeTruthy());
  if (read) await imageRead();
  return { user, ...r };
}

/** Puts the image's top-left corner at (100, 50) on screen, as the layout would. */
function placeImage() {
  const image = screen.getByTestId("photo-image");
  vi.spyOn(image, "getBoundingClientRect").mockReturnValue({ left: 100, top: 50, right: 0, bottom: 0, width: 0, height: 0, x: 100, y: 50, toJSON: () => ({}) });
  return image;
}

/** A drag with the primary button, as the pointer would make it. */
async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  const image = screen.getByTestId("photo-image");
  await fireEvent.pointerDown(image, { button: 0, clientX: from.x, clientY: from.y });
  await fireEvent.pointerMove(window, { clientX: (from.x + to.x) / 2, clientY: (from.y + to.y) / 2 });
  await fireEvent.pointerMove(window, { clientX: to.x, clientY: to.y });
  await fireEvent.pointerUp(window, { button: 0, clientX: to.x, clientY: to.y });
}

const boxOf = (el: HTMLElement) => [el.style.left, el.style.top, el.style.width, el.style.height];
const zoom = () => Number(screen.getByTestId("photo-image").dataset.zoom);

describe("the photos view", () => {
  it("shows a grid of thumbnails with the count in the sidebar", async () => {
    photosOf().addPhoto("second.jpg");
    const user = userEvent.setup();
    await renderWindow();
    await vi.waitFor(() => expect(within(screen.getByTestId("nav-photos")).getByTestId("count").textContent).toBe("2"));
    await user.click(screen.getByTestId("nav-photos"));
    await vi.waitFor(() => expect(screen.getAllByTestId("photo-tile")).toHaveLength(2));
    // Named by what it shows (no aria-label to disagree with it): the caption and the date.
    expect(screen.getAllByTestId("photo-tile")[0].getAttribute("aria-label")).toBeNull();
    expect(screen.getAllByTestId("photo-tile")[0].textContent).toMatch(/Members of the Left Opposition.*, 1927/);
    await vi.waitFor(() => expect(photoMocks.photoUrls).toHaveBeenCalledWith(g.photo.id, 360));
  });

  it("adds photos through the native dialog, with progress, into the collection shown", async () => {
    const { user, store } = await renderWindow().then(async (r) => ({ ...r, user: userEvent.setup() }));
    const family = store.collections.find((c) => c.title === "Smilga family")!;
    await user.click(screen.getAllByTestId("nav-collection").find((b) => b.textContent?.includes("Smilga family"))!);
    await user.click(screen.getByTestId("nav-photos"));
    await vi.waitFor(() => expect(screen.getByTestId("empty-photos").textContent).toContain("No photos in this collection"));

    let open!: () => void;
    photosOf().importGate = new Promise((r) => (open = r));
    photosOf().filesAnswer = ["/home/ann/scans/a.jpg", "/home/ann/scans/b.tif"];
    await user.click(screen.getByTestId("add-photos"));
    const progress = await screen.findByTestId("import-progress");
    await vi.waitFor(() => expect(progress.textContent).toContain("0 of 2"));
    expect(photoMocks.importPhotos).toHaveBeenCalledWith(expect.any(String), ["/home/ann/scans/a.jpg", "/home/ann/scans/b.tif"], { collection_id: family.id }, expect.any(Function));
    open();
    await vi.waitFor(() => expect(screen.getAllByTestId("photo-tile")).toHaveLength(2));
    expect(screen.queryByTestId("import-progress")).toBeNull();
    expect(screen.getByTestId("notice").textContent).toContain("Added 2 photos");
  });

  it("cancels an import; nothing is added", async () => {
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-photos"));
    let open!: () => void;
    photosOf().importGate = new Promise((r) => (open = r));
    photosOf().filesAnswer = ["/tmp/c.png"];
    await user.click(screen.getByTestId("add-photos"));
    await user.click(await screen.findByTestId("import-cancel"));
    open();
    await vi.waitFor(() => expect(screen.queryByTestId("import-progress")).toBeNull());
    expect(screen.getByTestId("notice").textContent).toContain("cancelled");
    expect(screen.getAllByTestId("photo-tile")).toHaveLength(1);
  });
});

describe("the image", () => {
  it("says it is loading, and draws no region outlines on grey, until the image has been read", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    await openPhoto({ read: false });
    await vi.waitFor(() => expect(screen.getByTestId("photo-loading").textContent).toBe("Loading the photo…"));
    expect(screen.queryByTestId("region")).toBeNull();
    await imageRead();
    await vi.waitFor(() => expect(screen.getByTestId("region").getAttribute("aria-label")).toBe("Leon Trotsky"));
    expect(screen.queryByTestId("photo-loading")).toBeNull();
  });

  it("says so when the image file cannot be read, and draws no outlines", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    await openPhoto({ read: false });
    await imageRead("error");
    await vi.waitFor(() => expect(screen.getByTestId("photo-failed").textContent).toContain("could not be read"));
    expect(screen.queryByTestId("photo-loading")).toBeNull();
    expect(screen.queryByTestId("region")).toBeNull();
  });
});

describe("drawing a region", () => {
  it("converts a drag at zoom 1 to image pixels and saves it with the person chosen", async () => {
    const { user } = await openPhoto();
    expect(zoom()).toBe(1);
    placeImage();
    await user.click(screen.getByTestId("draw-region"));
    expect(screen.getByTestId("draw-region").getAttribute("aria-pressed")).toBe("true");
    await drag({ x: 300, y: 150 }, { x: 420, y: 330 });

    const input = await screen.findByTestId("region-person-input");
    await vi.waitFor(() => expect(document.activeElement).toBe(input));
    await user.type(input, "Radek");
    const option = await screen.findByRole("option", { name: /Karl Radek/ });
    await user.click(option);

    await vi.waitFor(() => expect(photoMocks.addRegion).toHaveBeenCalledOnce());
    expect(photoMocks.addRegion).toHaveBeenCalledWith(g.photo.id, { rect: { x: 200, y: 100, width: 120, height: 180 }, person_id: g.radek.id, label: "" });
    const region = await screen.findByTestId("region");
    expect(region.getAttribute("aria-label")).toBe("Karl Radek");
    expect(boxOf(region)).toEqual(["200px", "100px", "120px", "180px"]);
  });

  it("converts at zoom 2, and draws saved regions at twice their pixels", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    const { user } = await openPhoto();
    for (let i = 0; i < 3; i++) await user.click(screen.getByTestId("zoom-in"));
    expect(zoom()).toBe(2);
    expect(screen.getByTestId("zoom-level").textContent).toBe("200%");
    const saved = await screen.findByTestId("region");
    expect(boxOf(saved)).toEqual(["20px", "40px", "60px", "80px"]);

    placeImage();
    await user.click(screen.getByTestId("draw-region"));
    await drag({ x: 300, y: 150 }, { x: 420, y: 330 });
    await user.type(await screen.findByTestId("region-person-input"), "Trotsky");
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(photoMocks.addRegion).toHaveBeenCalledOnce());
    expect(photoMocks.addRegion.mock.calls[0][1].rect).toEqual({ x: 100, y: 50, width: 60, height: 90 });
  });

  it("clamps a drag that runs off the image", async () => {
    const { user } = await openPhoto();
    for (let i = 0; i < 3; i++) await user.click(screen.getByTestId("zoom-in"));
    placeImage();
    await user.click(screen.getByTestId("draw-region"));
    // From above and left of the image to far beyond its bottom-right corner (800×500 at 2×).
    await drag({ x: 1000, y: 400 }, { x: 2400, y: 1400 });
    await user.click(await screen.findByTestId("region-save-unnamed"));
    await vi.waitFor(() => expect(photoMocks.addRegion).toHaveBeenCalledOnce());
    expect(photoMocks.addRegion.mock.calls[0][1]).toEqual({ rect: { x: 450, y: 175, width: 350, height: 325 }, person_id: null, label: "" });
  });

  it("a click in draw mode is not a region", async () => {
    const { user } = await openPhoto();
    placeImage();
    await user.click(screen.getByTestId("draw-region"));
    await drag({ x: 300, y: 150 }, { x: 302, y: 151 });
    expect(screen.queryByTestId("region-card")).toBeNull();
  });

  it("selects a region to relink it to someone else, or delete it", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    const { user } = await openPhoto();
    await user.click(await screen.findByTestId("region"));
    const card = screen.getByTestId("region-card");
    expect(within(card).getByTestId("region-person-link").textContent?.trim()).toBe("Leon Trotsky");
    await user.click(within(card).getByTestId("region-relink"));
    await user.type(screen.getByTestId("region-person-input"), "Radek{Enter}");
    await vi.waitFor(() => expect(photoMocks.updateRegion).toHaveBeenCalledOnce());
    expect(photoMocks.updateRegion.mock.calls[0][1]).toEqual({ rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.radek.id, label: "" });
    await vi.waitFor(() => expect(screen.getByTestId("region").getAttribute("aria-label")).toBe("Karl Radek"));

    await user.click(within(screen.getByTestId("region-card")).getByTestId("region-delete"));
    await user.click(within(screen.getByTestId("confirm-dialog")).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(screen.queryByTestId("region")).toBeNull());
    expect(photoMocks.deleteRegion).toHaveBeenCalledOnce();
  });

  it("places a region that has no rectangle yet from the list of people", async () => {
    const unplaced = g.d.addRegion(g.photo.id, { rect: null, person_id: g.trotsky.id, label: "man with glasses" });
    const { user } = await openPhoto();
    const item = (await screen.findAllByTestId("photo-person")).find((li) => li.textContent?.includes("Leon Trotsky"))!;
    await user.click(within(item).getByTestId("photo-person-place"));
    expect(screen.getByTestId("draw-hint").textContent).toContain("Draw a rectangle around Leon Trotsky");
    placeImage();
    await drag({ x: 110, y: 60 }, { x: 150, y: 100 });
    await vi.waitFor(() => expect(photoMocks.updateRegion).toHaveBeenCalledOnce());
    expect(photoMocks.updateRegion).toHaveBeenCalledWith(unplaced.id, { rect: { x: 10, y: 10, width: 40, height: 40 }, person_id: g.trotsky.id, label: "man with glasses" });
    await vi.waitFor(() => expect(screen.getAllByTestId("region")).toHaveLength(1));
  });

  it("shows every name with Show names", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    const { user } = await openPhoto();
    const region = await screen.findByTestId("region");
    expect(region.classList.contains("named")).toBe(false);
    await user.click(screen.getByTestId("toggle-names"));
    expect(region.classList.contains("named")).toBe(true);
    expect(within(region).getByTestId("region-name").textContent).toBe("Leon Trotsky");
  });
});

describe("captions and details", () => {
  it("adds a caption and saves the photo's details as you type", async () => {
    const { user } = await openPhoto();
    await user.type(screen.getByTestId("caption-input"), "Moscow, the Comintern building");
    await user.selectOptions(screen.getByTestId("caption-kind"), "archivist");
    await user.click(screen.getByTestId("add-caption"));
    await vi.waitFor(() => expect(screen.getAllByTestId("caption")).toHaveLength(2));
    expect(photoMocks.addCaption).toHaveBeenCalledWith(g.photo.id, { text: "Moscow, the Comintern building", kind: "archivist", language: "" });

    await user.type(screen.getByTestId("photo-place"), "Moscow");
    await user.tab();
    await vi.waitFor(() => expect(photoMocks.updatePhoto).toHaveBeenCalled());
    expect(photoMocks.updatePhoto.mock.calls.at(-1)?.[1]).toMatchObject({ place: "Moscow", date: "1927" });
  });
});

describe("identify from caption", () => {
  async function openIdentify() {
    const r = await openPhoto();
    await r.user.click(screen.getByTestId("identify-from-caption"));
    await vi.waitFor(() => expect(screen.getAllByTestId("identification-row")).toHaveLength(3));
    return r;
  }

  it("lists each name as written with the proposed person and the match", async () => {
    await openIdentify();
    const rows = screen.getAllByTestId("identification-row");
    expect(rows.map((r) => within(r).getByTestId("identification-name").textContent)).toEqual(["Serebryakov", "Radek", "Trotsky"]);
    expect(screen.getByTestId("identify-panel").textContent).toContain("Sitting");
    const first = within(rows[0]).getByTestId("identification-choice") as HTMLSelectElement;
    expect(first.value).toBe(g.leonid.id);
    const options = Array.from(first.options).map((o) => o.textContent);
    expect(options[0]).toBe("Leonid Serebryakov · 100% ✓");
    expect(options.some((o) => o?.startsWith("Zorya Serebryakova · 92%"))).toBe(true);
    expect(within(rows[0]).getByTestId("identification-score").textContent).toContain("100%");
    expect(within(rows[0]).getByTestId("identification-score").textContent).toContain("confident");
  });

  it("confirms one name with the person chosen", async () => {
    const { user } = await openIdentify();
    const row = screen.getAllByTestId("identification-row")[1];
    await user.click(within(row).getByTestId("identification-confirm"));
    await vi.waitFor(() => expect(photoMocks.confirmIdentification).toHaveBeenCalledOnce());
    expect(photoMocks.confirmIdentification).toHaveBeenCalledWith(g.photo.id, { caption_id: g.caption.id, row: 0, position: 1, person_id: g.radek.id });
    await vi.waitFor(() => expect(within(screen.getAllByTestId("identification-row")[1]).getByTestId("identification-status").textContent).toContain("Confirmed"));
  });

  it("confirms another candidate, or anyone found by search", async () => {
    const { user } = await openIdentify();
    const row = () => screen.getAllByTestId("identification-row")[0];
    await user.selectOptions(within(row()).getByTestId("identification-choice"), g.zorya.id);
    expect(within(row()).getByTestId("identification-score").textContent).toContain("92%");
    await user.click(within(row()).getByTestId("identification-confirm"));
    await vi.waitFor(() => expect(photoMocks.confirmIdentification).toHaveBeenCalledOnce());
    expect(photoMocks.confirmIdentification.mock.calls[0][1]).toMatchObject({ row: 0, position: 0, person_id: g.zorya.id });

    const third = () => screen.getAllByTestId("identification-row")[2];
    await user.selectOptions(within(third()).getByTestId("identification-choice"), "__other");
    const search = within(third()).getByTestId("identification-person-input");
    await user.clear(search);
    await user.type(search, "Tatiana Smi");
    await user.click(await within(third()).findByRole("option", { name: /Tatiana Smilga/ }));
    await user.click(within(third()).getByTestId("identification-confirm"));
    await vi.waitFor(() => expect(photoMocks.confirmIdentification).toHaveBeenCalledTimes(2));
    const choice = within(third()).getByTestId("identification-choice") as HTMLSelectElement;
    expect(choice.selectedOptions[0].textContent).toBe("Tatiana Smilga");
    const smilga = backend.people.find((p) => p.display_name === "Tatiana Smilga")!;
    expect(photoMocks.confirmIdentification.mock.calls[1][1]).toMatchObject({ row: 0, position: 2, person_id: smilga.id });
  });

  it("confirms every confident match at once, then places one by drawing its region", async () => {
    const { user } = await openIdentify();
    await user.click(screen.getByTestId("confirm-all"));
    await vi.waitFor(() => expect(photoMocks.confirmIdentification).toHaveBeenCalledTimes(3));
    expect(photoMocks.confirmIdentification.mock.calls.map((c) => c[1].person_id)).toEqual([g.leonid.id, g.radek.id, g.trotsky.id]);
    await vi.waitFor(() => expect(screen.getAllByTestId("identification-place")).toHaveLength(3));
    expect((screen.getByTestId("confirm-all") as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getAllByTestId("identification-place")[1]);
    expect(screen.getByTestId("draw-hint").textContent).toContain("Draw a rectangle around Radek");
    placeImage();
    await drag({ x: 300, y: 150 }, { x: 420, y: 330 });
    await vi.waitFor(() => expect(photoMocks.confirmIdentification).toHaveBeenCalledTimes(4));
    expect(photoMocks.confirmIdentification.mock.calls[3]).toEqual([
      g.photo.id,
      { caption_id: g.caption.id, row: 0, position: 1, person_id: g.radek.id, rect: { x: 200, y: 100, width: 120, height: 180 } },
    ]);
    expect(photoMocks.addRegion).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.getAllByTestId("region").map((r) => r.getAttribute("aria-label"))).toEqual(["Karl Radek"]));
    await vi.waitFor(() => expect(within(screen.getAllByTestId("identification-row")[1]).getByTestId("identification-status").textContent).toContain("Placed"));
  });
});

describe("tags on photos and regions", () => {
  it("tags the photo, and the region selected, each as itself", async () => {
    const portraits = access().addTag("Portraits");
    const exile = access().addTag("Exile");
    const region = g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    const { user } = await openPhoto();
    const tags = screen.getByTestId("photo-tags");
    expect(within(tags).queryByTestId("region-tags")).toBeNull();
    await user.type(within(tags).getByTestId("tag-input"), "Exi{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(exile.id, { type: "record", kind: "photo", id: g.photo.id }));

    await user.click(await screen.findByTestId("region"));
    const regionTags = await screen.findByTestId("region-tags");
    expect(regionTags.textContent).toContain("Tags on Leon Trotsky's region");
    await user.type(within(regionTags).getByTestId("tag-input"), "Portr{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(portraits.id, { type: "record", kind: "region", id: region.id }));
  });

  it("opens a tagged region's photo from the tag's list", async () => {
    const portraits = access().addTag("Portraits");
    const region = g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    await api.tagTarget(portraits.id, { type: "record", kind: "region", id: region.id });
    const user = userEvent.setup();
    await renderWindow();
    await user.click((await screen.findAllByTestId("nav-tag")).find((t) => t.textContent?.includes("Portraits"))!);
    const row = await screen.findByTestId("library-row");
    await user.click(row);
    await screen.findByTestId("photo-viewer");
    expect(api.locateRecord).toHaveBeenCalledWith({ type: "record", kind: "region", id: region.id });
  });
});

describe("a photo's access", () => {
  it("says when it is closed because it belongs to an embargoed interview", async () => {
    const interview = backend.interviews[0];
    photosOf().photos.find((p) => p.id === g.photo.id)!.interview_ids.push(interview.id);
    await api.restrict({ target: { type: "record", kind: "interview", id: interview.id }, action: "restrict", level: "closed", layer: "all", until: "2099-01-01", reason: "embargo", replacement: null });
    await openPhoto();
    const line = await screen.findByTestId("inherited-reason");
    expect(line.textContent).toContain(`closed: belongs to an embargoed interview "${interview.title}"`);
  });

  it("says nothing restricts a photo of open interviews", async () => {
    await openPhoto();
    await vi.waitFor(() => expect(screen.getByTestId("inherited-access").textContent).toContain("Nothing it belongs to restricts it."));
  });
});
