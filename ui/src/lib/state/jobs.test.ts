import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { ApiError, invalidField } from "../api/errors";
import type { ProgressSink } from "../api";
import { mocks, reset } from "../../test/fake-api";
import { JobRun, JobsStore, newJobId } from "./jobs.svelte";

beforeEach(() => reset());

/** A job whose progress the test drives and whose end it decides. */
function controlled() {
  let sink!: ProgressSink;
  let id = "";
  let finish!: (v: string) => void;
  let fail!: (e: unknown) => void;
  const start = (jobId: string, onProgress: ProgressSink) => {
    id = jobId;
    sink = onProgress;
    return new Promise<string>((ok, no) => {
      finish = ok;
      fail = no;
    });
  };
  return { start, report: (p: Parameters<ProgressSink>[0]) => sink(p), finish: (v: string) => finish(v), fail: (e: unknown) => fail(e), id: () => id };
}

describe("JobsStore", () => {
  it("gives each job a fresh UUID and shows the panel", () => {
    const jobs = new JobsStore();
    void jobs.run("A", () => new Promise(() => {}));
    void jobs.run("B", () => new Promise(() => {}));
    expect(jobs.jobs.map((j) => j.title)).toEqual(["A", "B"]);
    expect(jobs.jobs[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobs.jobs[0].id).not.toBe(jobs.jobs[1].id);
    expect(jobs.open).toBe(true);
    expect(jobs.running).toBe(2);
  });

  it("follows the job's reports: title, phase, done of total, warnings, and the result", async () => {
    const jobs = new JobsStore();
    const c = controlled();
    const running = jobs.run("Importing", c.start, (r: string) => ({ summary: `got ${r}`, warnings: ["line 3: overlapping cue", "twice"] }));
    const job = () => jobs.jobs[0];
    c.report({ event: "started", title: "Importing smilga.vtt" });
    c.report({ event: "progress", phase: "storing segments", done: 2000, total: 10000 });
    c.report({ event: "warning", message: "twice" });
    expect(job()).toMatchObject({ title: "Importing smilga.vtt", phase: "storing segments", done: 2000, total: 10000, warnings: ["twice"], status: "running" });
    c.finish("it");
    await expect(running).resolves.toBe("it");
    expect(job()).toMatchObject({ status: "finished", summary: "got it", done: 10000, warnings: ["twice", "line 3: overlapping cue"] });
    // A report that arrives after the answer does not bring the job back to life.
    c.report({ event: "progress", phase: "storing segments", done: 5, total: 10000 });
    expect(job()).toMatchObject({ status: "finished", done: 10000 });
    expect(jobs.running).toBe(0);
  });

  it("asks the backend to cancel, and shows the job cancelled when it stops", async () => {
    const jobs = new JobsStore();
    const c = controlled();
    const running = jobs.run("Importing", c.start);
    // The fake backend knows the job, as the real one would.
    mocks.cancelJob.mockImplementationOnce(async () => {
      c.report({ event: "failed", message: "cancelled", cancelled: true });
      c.fail(new ApiError("cancelled", "the import was cancelled"));
    });
    await jobs.cancel(c.id());
    expect(mocks.cancelJob).toHaveBeenCalledWith(c.id());
    await expect(running).resolves.toBeNull();
    expect(jobs.jobs[0]).toMatchObject({ status: "cancelled", error: null, cancelling: false });
  });

  it("shows why a job failed", async () => {
    const jobs = new JobsStore();
    const c = controlled();
    const running = jobs.run("Importing", c.start);
    c.fail(new ApiError("invalid", "line 12: a cue ends before it starts"));
    await expect(running).resolves.toBeNull();
    expect(jobs.jobs[0]).toMatchObject({ status: "failed", error: "Line 12: a cue ends before it starts" });
  });

  it("dismisses finished jobs and keeps running ones", async () => {
    const jobs = new JobsStore();
    await jobs.run("Done", async () => 1);
    void jobs.run("Running", () => new Promise(() => {}));
    jobs.clearFinished();
    expect(jobs.jobs.map((j) => j.title)).toEqual(["Running"]);
    jobs.dismiss(jobs.jobs[0].id);
    expect(jobs.jobs).toHaveLength(1);
  });

  it("makes UUIDs without crypto.randomUUID too", () => {
    const spy = vi.spyOn(globalThis.crypto, "randomUUID").mockImplementation(() => {
      throw new Error("not a secure context");
    });
    expect(newJobId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    spy.mockRestore();
  });
});

describe("JobRun (a job run on its own, from a dialog or the photos view)", () => {
  it("throws why it failed, and runs again with a fresh id, deaf to the first run", async () => {
    const job = new JobRun<string>({ title: "Adding 2 photos", total: 2 });
    const first = controlled();
    const failed = job.run(first.start);
    expect(job).toMatchObject({ status: "running", title: "Adding 2 photos", total: 2 });
    first.fail(invalidField("out", "that folder is not empty"));
    await expect(failed).rejects.toMatchObject({ code: "invalid", field: "out" });
    expect(job).toMatchObject({ status: "failed", error: "Out: that folder is not empty" });

    const second = controlled();
    const running = job.run(second.start);
    expect(second.id()).not.toBe(first.id());
    first.report({ event: "progress", phase: "writing", done: 9, total: 9 });
    second.report({ event: "progress", phase: "writing", done: 1, total: 4 });
    expect(job).toMatchObject({ id: second.id(), status: "running", error: null, done: 1, total: 4 });
    second.finish("ok");
    await expect(running).resolves.toBe("ok");
    expect(job).toMatchObject({ status: "finished", result: "ok", done: 4 });
  });

  it("says why Cancel was refused, and keeps quiet when the job had already ended", async () => {
    const job = new JobRun<string>();
    const c = controlled();
    void job.run(c.start).catch(() => {});
    mocks.cancelJob.mockRejectedValueOnce(new ApiError("io", "the backend is busy"));
    await expect(job.cancel()).resolves.toMatchObject({ message: "The backend is busy" });
    expect(job).toMatchObject({ error: "The backend is busy", cancelling: false });
    mocks.cancelJob.mockRejectedValueOnce(new ApiError("not_found", "that job has already finished"));
    await expect(job.cancel()).resolves.toBeNull();
  });
});
