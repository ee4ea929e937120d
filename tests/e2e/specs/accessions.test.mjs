// Accessions end to end: an interview's accession is recorded on its Access tab, and its deed
// of gift is attached through the native file dialog; the archive keeps the deed with the
// file's own SHA-256.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, answerFileDialog, cli, freshWorkspace, launchApp, startDriver, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("accessions");
const archive = join(dir, "Sample.db");
const deed = join(dir, "deed-of-gift.pdf");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  writeFileSync(deed, "%PDF-1.4\n% Deed of gift, signed by Tatiana Isaeva\n%%EOF\n");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

const $ = (testid) => browser.$(`[data-testid="${testid}"]`);

async function click(element) {
  await element.waitForClickable({ timeout: 10000 });
  await element.click();
}

test("an accession is recorded on the interview's Access tab and its deed kept with its hash", async () => {
  // WebKitWebDriver will not click a table row itself: click the title in it.
  const row = await waitForText(browser, '[data-testid="interview-row"]', "Tatiana Isaeva");
  await click(row.$(".title"));
  await click($("tab-access"));
  await click($("accession-add"));
  await $("accession-identifier").setValue("2024.001");
  await $("accession-donor").setValue("Tatiana Isaeva");
  await $("accession-received").setValue("2024-03~");
  await click($("accession-save"));
  await waitForText(browser, '[data-testid="accession-row"]', /2024\.001 · Gift.*From Tatiana Isaeva · received 2024-03~/s);

  await click($("accession-attach"));
  await answerFileDialog("Attach deed of gift", deed);
  const sha256 = createHash("sha256").update(readFileSync(deed)).digest("hex");
  await waitForText(browser, '[data-testid="accession-deed"]', `deed-of-gift.pdf · SHA-256 ${sha256.slice(0, 12)}`, 20000);

  const [kept] = cli(archive, "accessions", "list", "--json");
  assert.equal(kept.identifier, "2024.001");
  assert.equal(kept.received, "2024-03~");
  assert.equal(kept.deed?.original_name, "deed-of-gift.pdf");
  assert.equal(kept.deed?.sha256, sha256);
  assert.deepEqual(
    kept.records.map((r) => r.kind),
    ["interview"],
  );
  mkdirSync(OUT, { recursive: true });
  await browser.saveScreenshot(join(OUT, "accession.png"));
});
