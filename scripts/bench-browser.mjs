// Browser timing script (not a test): first render after load, keystroke → repaint on a
// 100-indicator draft, and the autosave of that draft. Prints JSON; figures go to BENCHMARKS.md.
// Run after a release build:  trunk build --release && node scripts/bench-browser.mjs
import { serve, launch, waitForApp, goStep, waitSaved } from "../tests/browser/harness.mjs";
import { readFileSync } from "node:fs";

const ROWS = Number(process.env.ROWS ?? 100);
const KEYS = Number(process.env.KEYS ?? 120);

function largeDraft(rows) {
  const example = JSON.parse(readFileSync(new URL("../tests/fixtures/drafts/v1/example.json", import.meta.url), "utf8"));
  const templates = example.data.indicators;
  example.data.indicators = Array.from({ length: rows }, (_, i) => {
    const t = templates[i % templates.length];
    return { ...t, id: i + 1, name: `${t.name}${i + 1}`, weight: "0.9" };
  });
  return example;
}

/** Clicks 导出PDF (confirming if the draft still has errors) and resolves when the file arrived. */
async function exportPdf(page) {
  const t0 = Date.now();
  const download = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByTestId("export-pdf").click();
  const confirm = page.getByTestId("pdf-confirm");
  if (await confirm.isVisible()) await confirm.getByRole("button", { name: "仍然导出" }).click();
  await (await download).path();
  return Date.now() - t0;
}

/** Installs the per-key measurement (see below), then presses KEYS keys in the focused field. */
async function measureKeys(page) {
  await page.evaluate(() => {
    window.__handling = [];
    window.__frame = [];
    let down = 0;
    let before = "";
    let inputStart = 0;
    const total = () => document.querySelector("[data-testid=live-total]").textContent;
    window.addEventListener("keydown", (e) => { down = e.timeStamp; before = total(); }, { capture: true });
    window.addEventListener("input", () => { inputStart = performance.now(); }, { capture: true });
    window.addEventListener("input", () => {
      window.__handling.push(performance.now() - inputStart);
      const start = down;
      // performance.now() inside the callback, not the frame's timestamp (which is the frame's
      // start and can precede the work): conservative.
      const wait = () => (total() !== before ? window.__frame.push(performance.now() - start) : requestAnimationFrame(wait));
      requestAnimationFrame(wait);
    });
  });
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(i % 2 === 0 ? "5" : "Backspace");
    await page.waitForTimeout(40);
  }
}

const stats = (xs) => ({ samples: xs.length, p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), max: round(Math.max(...xs)) });

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x) => Math.round(x * 100) / 100;

const server = await serve();
const result = { rows: ROWS, keystrokes: KEYS };
try {
  // First render after load: navigation start → the live total is on screen (fresh profile, localhost).
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const b = await launch();
    await b.page.goto(server.url + "#/drafts");
    loads.push(await b.page.evaluate(() => new Promise((done) => {
      const check = () => document.querySelector("[data-testid=live-total]") ? done(performance.now()) : requestAnimationFrame(check);
      check();
    })));
    await b.close();
  }
  result.first_render_ms = { median: round(percentile(loads, 50)), max: round(Math.max(...loads)) };

  const b = await launch();
  const { page } = b;
  await page.goto(server.url + "#/drafts");
  await waitForApp(page);
  const file = JSON.stringify(largeDraft(ROWS));
  result.draft_file_bytes = Buffer.byteLength(file);
  await page.locator("#import-file").setInputFiles({ name: "large.json", mimeType: "application/json", buffer: Buffer.from(file) });
  await page.waitForFunction(() => location.hash === "#/project");
  await waitSaved(page);
  result.stored_bytes = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("jixiao:draft:"));
    return new Blob([key + localStorage.getItem(key)]).size;
  });
  await goStep(page, "绩效指标");
  const cell = page.getByLabel("指标1 分值", { exact: true });
  await cell.click();
  await cell.press("End");
  // Keystroke → repaint, two figures per key:
  // - handling: the app's work for the key — from a capturing `input` listener on window (runs
  //   first) to a bubbling one on window (runs last, after the field's own handler and the
  //   microtasks in which the reactive updates ran);
  // - frame: keydown's timestamp → the first animation frame whose DOM shows the new 总分 (this
  //   includes waiting for the display's next frame, up to 16.7 ms at 60 Hz, whatever the app does).
  await measureKeys(page);
  result.keystroke_handling_ms = stats(await page.evaluate(() => window.__handling));
  result.keystroke_to_frame_ms = stats(await page.evaluate(() => window.__frame));

  // The same measurement on bare pages, no app: (1) one input echoing into a "总分" element — what
  // headless Chromium's input and frame scheduling cost; (2) the same echo with a static table of
  // as many form controls as the app's indicator table (100 rows × 7 inputs, a textarea, buttons,
  // a details row) — what painting that many controls costs without any script work.
  const bare = async (rows) => {
    const page = (await launch()).page;
    let table = "";
    for (let i = 0; i < rows; i++) {
      table += `<tr>${"<td><input value='不低于9个'></td>".repeat(7)}<td><textarea>原因</textarea></td><td><button>↑</button><button>删除</button></td></tr>`;
      table += '<tr><td colspan="9"><details><summary>更多设置</summary></details></td></tr>';
    }
    await page.setContent(`<input id="x"><span data-testid="live-total">0</span><table style="table-layout:fixed;width:100%">${table}</table>` +
      '<script>x.oninput = () => document.querySelector("[data-testid=live-total]").textContent = x.value;</script>');
    await page.locator("#x").click();
    await measureKeys(page);
    const frame = stats(await page.evaluate(() => window.__frame));
    await page.context().close();
    return frame;
  };
  result.bare_input_keystroke_to_frame_ms = await bare(0);
  result.bare_table_keystroke_to_frame_ms = await bare(ROWS);
  // Save of the 100-indicator draft: the app records its last save as the performance measure
  // "jixiao-save" (encode + localStorage write); type a key, let the debounce pass, read it.
  const saves = [];
  for (let i = 0; i < 7; i++) {
    await page.waitForTimeout(1000);
    await page.keyboard.press(i % 2 === 0 ? "1" : "Backspace");
    await waitSaved(page);
    await page.waitForTimeout(50);
    saves.push(await page.evaluate(() => performance.getEntriesByName("jixiao-save").at(-1)?.duration ?? NaN));
  }
  result.save_ms = stats(saves);
  // A draft takes its value plus a one-step backup; localStorage counts UTF-16 code units (2 bytes
  // each) against ~5 M units in Chromium, so count characters, not bytes.
  const storedChars = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("jixiao:draft:"));
    return key.length + localStorage.getItem(key).length;
  });
  result.stored_chars = storedChars;
  result.drafts_fitting_in_5m_chars = Math.floor((5 * 1024 * 1024) / (storedChars * 2 + 200));

  // PDF export of this 100-indicator draft: click → download, first (worker + font load) and again (cached).
  await goStep(page, "导出");
  const pdfTimes = [];
  for (let i = 0; i < 3; i++) {
    pdfTimes.push(await exportPdf(page));
  }
  result.pdf_100_indicators_ms = { first: pdfTimes[0], cached: pdfTimes.slice(1) };
  await b.close();

  // PDF export of the seed example (font cached after the first).
  const s = await launch();
  await s.page.goto(server.url + "#/drafts");
  await waitForApp(s.page);
  await s.page.getByRole("button", { name: /从示例新建/ }).click();
  await s.page.waitForFunction(() => location.hash === "#/project");
  await goStep(s.page, "导出");
  const seedTimes = [];
  for (let i = 0; i < 4; i++) {
    seedTimes.push(await exportPdf(s.page));
  }
  result.pdf_seed_ms = { first: seedTimes[0], cached: seedTimes.slice(1) };
  await s.close();
} finally {
  await server.close();
}
console.log(JSON.stringify(result, null, 2));
