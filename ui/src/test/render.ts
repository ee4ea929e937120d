// Renders a piece of the window with its own store and dialogs over the fake API.
// Test files must mock the API first: vi.mock("../lib/api", () => import("../test/fake-api")).

import { render } from "@testing-library/svelte";
import { ArchiveStore } from "../lib/state/archive.svelte";
import { ARCHIVE_KEY, DIALOGS_KEY, IMPORTS_KEY, JOBS_KEY, SEARCH_KEY, SPEECH_KEY } from "../lib/state/context";
import { Dialogs } from "../lib/state/dialogs.svelte";
import { FileImports } from "../lib/state/imports.svelte";
import { JobsStore } from "../lib/state/jobs.svelte";
import { SearchStore } from "../lib/state/search.svelte";
import { SpeechWork } from "../lib/state/speech.svelte";
import MainWindow from "../lib/views/MainWindow.svelte";
import { backend, type FakeArchive } from "./fake-api";

export async function renderWindow() {
  const store = new ArchiveStore();
  const dialogs = new Dialogs();
  const jobs = new JobsStore();
  const search = new SearchStore();
  const imports = new FileImports(jobs);
  const speech = new SpeechWork(jobs, () => void store.reload("transcripts"));
  await store.start();
  const result = render(MainWindow, {
    context: new Map<symbol, unknown>([
      [ARCHIVE_KEY, store],
      [DIALOGS_KEY, dialogs],
      [JOBS_KEY, jobs],
      [SEARCH_KEY, search],
      [IMPORTS_KEY, imports],
      [SPEECH_KEY, speech],
    ]),
  });
  return { ...result, store, dialogs, jobs, search, imports, speech };
}

/** A small archive: two collections, five people, four interviews. */
export function seedSample(b: FakeArchive = backend) {
  const family = b.addCollection("Smilga family");
  const blockade = b.addCollection("Leningrad blockade");
  const tatiana = b.addPerson("Tatiana Smilga");
  const zorya = b.addPerson("Zorya Serebryakova");
  const isaeva = b.addPerson("Tatiana Isaeva");
  const volkov = b.addPerson("Vladimir Volkov");
  const capek = b.addPerson("Karel Čapek", { birth_date: "1890", death_date: "1938" });
  const two = b.addInterview("Two daughters", {
    collection_id: family.id,
    date: "1927-02~",
    status: "curated",
    narrator_ids: [tatiana.id],
    interviewer_ids: [volkov.id],
    languages: ["ru"],
    duration_ms: 3_600_000,
  });
  const winter = b.addInterview("A winter in Leningrad", { collection_id: blockade.id, date: "1942", narrator_ids: [zorya.id] });
  const books = b.addInterview("Books and letters", { date: null, status: "published", narrator_ids: [isaeva.id] });
  const zhenya = b.addInterview("Zhenya remembers", { collection_id: family.id, date: "192X", narrator_ids: [zorya.id, tatiana.id] });
  return { family, blockade, tatiana, zorya, isaeva, volkov, capek, two, winter, books, zhenya };
}
