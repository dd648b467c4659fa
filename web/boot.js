// Runs first, inlined into <head> by Trunk (index.html) and copied into jixiao.html.
// Plain ES5 on purpose: it must run, and explain, in browsers too old for the app.
//
// 1. Checks that this browser can run the app (its Chromium core is 86 or newer: every
//    WebAssembly feature the built .wasm files use, ES modules, and DecompressionStream in the
//    single file). If not, window.jixiaoUnsupported is set, the app is not started and the
//    Chinese message in #unsupported says what to install.
// 2. Applies the strict Content-Security-Policy from <meta name="jixiao-csp"> on cores that
//    understand 'wasm-unsafe-eval' (Chromium 97+). Older cores block WebAssembly under any
//    policy that restricts scripts without 'unsafe-eval', so they keep only the static policy
//    in the page (no script restriction, everything else restricted). See README "安全".
// 3. On a web host (http/https), once the app has started, registers the service worker
//    (./sw.js) that keeps the app and the font for offline use, and says 可离线使用 when ready.
(function () {
  var root = document.documentElement;

  // Tiny modules, each valid only if the engine has one WebAssembly feature that the built
  // .wasm files use; the Chromium version that shipped it in brackets. The middle field is the
  // feature's name in binaryen and .cargo/config.toml: tests/build/boot.test.mjs checks that
  // each module needs exactly that feature, and that the list matches the config.
  var PROBES = [
    ["符号扩展指令", "sign-ext", "0061736d010000000105016000017f030201000a070105004100c00b"], // [74]
    ["可变全局变量", "mutable-globals", "0061736d0100000002080101610162037f01"], // [74]
    ["批量内存操作", "bulk-memory", "0061736d010000000104016000000302010005030100010a0e010c00410041004100fc0a00000b"], // [75]
    ["非陷入浮点转换", "nontrapping-fptoint", "0061736d010000000105016000017f030201000a0b0109004300000000fc000b"], // [75]
    ["多返回值", "multivalue", "0061736d010000000106016000027f7f030201000a08010600410041000b"] // [85]
  ];

  function bytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }

  function chromiumVersion() {
    var m = /Chrom(?:e|ium)\/(\d+)/.exec(navigator.userAgent);
    return m ? m[1] : null;
  }

  function missing() {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") return "WebAssembly";
    for (var i = 0; i < PROBES.length; i++) {
      var ok = false;
      try { ok = WebAssembly.validate(bytes(PROBES[i][2])); } catch (e) { ok = false; }
      if (!ok) return "WebAssembly " + PROBES[i][0];
    }
    if (!("noModule" in document.createElement("script"))) return "JavaScript 模块";
    if (root.hasAttribute("data-single-file") && typeof DecompressionStream !== "function") return "DecompressionStream（解压）";
    return null;
  }

  // Shows #unsupported (in <body>, so after parsing) with a title, the reason and, unless the
  // browser is not the problem, which browsers to use.
  function explain(title, reason, browserIsFine) {
    window.jixiaoUnsupported = true;
    function show() {
      var box = document.getElementById("unsupported");
      if (!box) return;
      if (title) box.getElementsByTagName("h1")[0].textContent = title;
      document.getElementById("unsupported-reason").textContent = reason;
      if (browserIsFine) document.getElementById("unsupported-browsers").hidden = true;
      box.hidden = false;
      box.removeAttribute("hidden");
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
    else show();
  }

  var lacking = missing();
  if (lacking) {
    var core = chromiumVersion();
    explain(null, (core ? "当前浏览器内核：Chromium " + core + "。" : "") + "缺少：" + lacking + "。");
  } else if (location.protocol === "file:" && !root.hasAttribute("data-single-file")) {
    // dist/index.html double-clicked: browsers do not load its program files from file://.
    explain(
      "这个页面需要从网站打开",
      "您直接打开的是网站版的 index.html，它只能放在网站上使用。请改为双击同一文件夹中的 jixiao.html（单文件版，不需要网站），或请信息中心把这个文件夹放到网站上。",
      true
    );
  }

  // Called by the start script when the app cannot start although the checks passed.
  window.jixiaoStartFailed = function (error) {
    var text = String((error && error.message) || error);
    var engine = typeof WebAssembly === "object" && (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError);
    explain(
      engine ? "此浏览器无法运行绩效自评助手" : "绩效自评助手未能启动",
      (engine ? "程序无法在此浏览器中运行：" : "程序文件加载失败，请刷新本页重试：") + text
    );
  };

  // 'wasm-unsafe-eval' arrived in Chromium 97, together with Array.prototype.findLast.
  var strict = document.querySelector('meta[name="jixiao-csp"]');
  if (strict && typeof Array.prototype.findLast === "function") {
    var policy = document.createElement("meta");
    policy.httpEquiv = "Content-Security-Policy";
    policy.content = strict.content;
    document.head.appendChild(policy);
  }

  function offlineReady(how) {
    root.setAttribute("data-offline", how);
    if (typeof Event === "function") window.dispatchEvent(new Event("jixiao:offline"));
  }
  window.jixiaoOfflineReady = offlineReady;

  // Service workers exist only in secure contexts (https, localhost), never on file://; the
  // single file needs none (everything is inside it, even when a web host serves it).
  var web = location.protocol === "http:" || location.protocol === "https:";
  var offlineCopy = !lacking && web && !root.hasAttribute("data-single-file") && "serviceWorker" in navigator;

  // Called by the start script once the app is on screen. The service worker's first download
  // (~7 MB: the app's files again, the PDF worker and the font) waits until then and for an
  // idle moment: started at `load` it slowed the first render by ~70 ms (BENCHMARKS.md).
  window.jixiaoStarted = function () {
    if (!offlineCopy) return;
    var idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
    idle(function () {
      navigator.serviceWorker.register("./sw.js").then(function () {
        return navigator.serviceWorker.ready;
      }).then(function () {
        offlineReady("cached");
      }, function () { /* no offline copy; the app works online as before */ });
    }, { timeout: 3000 });
  };
})();
