// Run, Edit and Stop for the examples that hooks/examples.py marks up. The page
// already shows each example's build-time output (and works without JavaScript);
// this only adds the buttons. Nothing is loaded until the reader's first Run: then a
// module worker (worker.js, beside this file) starts Pyodide from the site's own assets,
// and for a PHP example also PHP for WebAssembly (php-host.js). The code editor
// (editor/, CodeMirror bundled at build time by hooks/code_editor) loads on the first Edit.
(function () {
  "use strict";

  var scriptURL = document.currentScript.src;
  var assetsRoot = new URL("../../", scriptURL);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var SVG_ELEMENTS = /^(svg|g|title|desc|style|text|tspan|line|rect|path|circle|ellipse|polygon|polyline)$/;
  var LINE = /[^\n]*\n|[^\n]+$/g;

  var worker = null; // one Pyodide for the visit, kept warm between runs
  var phpLoaded = false; // and PHP in it, once a PHP example ran
  var active = null; // the run in progress, at most one
  var editorModules = {}; // the editor's module per language entry (a promise), once asked for

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function runnerConfig() {
    var element = document.getElementById("agentlab-runner");
    return element ? JSON.parse(element.dataset.config) : null;
  }

  // Same rule as hooks/example_output.py: a line starting with <svg opens a picture
  // that ends with the line holding </svg>; the rest is text.
  function segments(stdout) {
    var found = [], text = [], svg = null;
    function flushText() {
      var joined = text.join("").replace(/\n+$/, "");
      if (joined.trim()) found.push({ kind: "text", content: joined });
      text = [];
    }
    (stdout.match(LINE) || []).forEach(function (line) {
      if (svg === null && line.trimStart().startsWith("<svg")) {
        flushText();
        svg = [];
      }
      if (svg === null) {
        text.push(line);
        return;
      }
      svg.push(line);
      if (line.indexOf("</svg>") !== -1) {
        found.push({ kind: "svg", content: svg.join("").trim() });
        svg = null;
      }
    });
    if (svg !== null) text = text.concat(svg);
    flushText();
    return found;
  }

  // The reader's code may print any SVG: keep drawing elements only, no scripts,
  // event handlers or links.
  function safeSVG(markup) {
    var root = new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
    if (root.namespaceURI !== SVG_NS || root.localName !== "svg") return null;
    [root].concat(Array.prototype.slice.call(root.querySelectorAll("*"))).forEach(function (element) {
      if (element.namespaceURI !== SVG_NS || !SVG_ELEMENTS.test(element.localName)) {
        element.remove();
        return;
      }
      Array.prototype.slice.call(element.attributes).forEach(function (attribute) {
        if (/^on|href$/i.test(attribute.name)) element.removeAttribute(attribute.name);
      });
    });
    return document.importNode(root, true);
  }

  function textBlock(text, className) {
    var pre = document.createElement("pre");
    var code = document.createElement("code");
    pre.className = className;
    code.tabIndex = 0; // the <code> scrolls sideways (Material's rule): reachable with the keyboard
    code.textContent = text;
    pre.appendChild(code);
    return pre;
  }

  function render(run) {
    var nodes = segments(run.stdout).map(function (segment) {
      var svg = segment.kind === "svg" ? safeSVG(segment.content) : null;
      if (!svg) return textBlock(segment.content, "agentlab-output__text");
      var box = document.createElement("div");
      box.className = "agentlab-output__svg";
      box.tabIndex = 0;  // it scrolls sideways on a narrow screen, as the build's does
      box.appendChild(svg);
      return box;
    });
    if (run.stderr) nodes.push(textBlock(run.stderr.replace(/\n+$/, ""), "agentlab-output__stderr"));
    if (run.notice) {
      var notice = document.createElement("p");
      notice.className = "agentlab-output__notice";
      notice.textContent = run.notice;
      nodes.push(notice);
    }
    run.body.replaceChildren.apply(run.body, nodes);
  }

  function scheduleRender(run) {
    if (!run.renderTimer) {
      run.renderTimer = setTimeout(function () {
        run.renderTimer = null;
        render(run);
      }, 16);
    }
  }

  function setRunning(running) {
    document.querySelectorAll(".agentlab-toolbar__run, .agentlab-toolbar__check").forEach(function (button) {
      button.disabled = running;
    });
  }

  function finish(run, status) {
    clearTimeout(run.timer);
    clearTimeout(run.renderTimer);
    run.renderTimer = null;
    render(run);
    run.controls.status.textContent = status;
    var stopHadFocus = document.activeElement === run.controls.stop;
    run.controls.stop.disabled = true;
    active = null;
    setRunning(false);
    if (stopHadFocus) run.controls.run.focus();
  }

  // Ends the run at once: a worker cannot be interrupted any other way without
  // cross-origin isolation, which a static host does not give.
  function kill(run, message) {
    if (worker) worker.terminate();
    worker = null;
    phpLoaded = false;
    run.notice = message;
    finish(run, message);
  }

  function onMessage(run, message) {
    var strings = run.config.strings;
    if (run !== active) return;
    if (message.type === "started") {
      if (run.php) phpLoaded = true;
      run.started = performance.now();
      run.controls.status.textContent = strings.running;
      run.timer = setTimeout(function () {
        kill(run, format(strings.time_limit, { seconds: run.config.timeLimit }));
      }, run.config.timeLimit * 1000);
    } else if (message.type === "stdout" || message.type === "stderr") {
      run[message.type] += message.text;
      if (run.stdout.length + run.stderr.length > run.config.outputLimit) {
        kill(run, format(strings.output_limit, { chars: run.config.outputLimit }));
      } else {
        scheduleRender(run);
      }
    } else if (message.type === "done") {
      var ms = Math.round(performance.now() - run.started);
      finish(run, message.exitCode === 0 ? format(strings.done, { ms: ms })
                                         : format(strings.exit_code, { code: message.exitCode }));
    } else if (message.type === "checked") {
      showVerdict(run, message.failures);
    } else if (message.type === "check_unavailable") {
      // The check could not be fetched: nothing ran, and the worker stays as it is.
      finish(run, format(strings.check_load_failed, { error: message.error }));
    } else if (message.type === "failed") {
      kill(run, format(run.php ? strings.load_failed_php : strings.load_failed, { error: message.error }));
    }
  }

  // -- exercises: Check runs the code, then the exercise's check.py reads the run --------

  function showSolution(example, config) {
    if (example.querySelector(".agentlab-solution")) return;
    var details = document.createElement("details");
    details.className = "agentlab-solution";
    details.open = true;
    var summary = document.createElement("summary");
    summary.textContent = config.strings.solution;
    details.appendChild(summary);
    example.appendChild(details);
    fetch(new URL(example.dataset.solution, assetsRoot)).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text();
    }).then(function (text) {
      details.appendChild(textBlock(text.replace(/\n+$/, ""), "agentlab-solution__code"));
    }, function (error) {
      details.appendChild(textBlock(String(error), "agentlab-output__stderr"));
    });
  }

  // The check's verdict under the output: a pass, or each failed expectation. The
  // solution comes with a pass, or on request after three failed checks.
  // failures: null when the run itself did not finish (or ran no kernel): nothing to check.
  function showVerdict(run, failures) {
    var example = run.example, strings = run.config.strings;
    if (failures === null) failures = [strings.check_not_run];
    var verdict = example.querySelector(".agentlab-verdict");
    if (!verdict) {
      verdict = document.createElement("div");
      verdict.className = "agentlab-verdict";
      verdict.setAttribute("role", "status");
      example.querySelector(".agentlab-output").after(verdict);
    }
    var title = document.createElement("p");
    title.className = "agentlab-verdict__title";
    var nodes = [title];
    if (failures.length === 0) {
      verdict.dataset.passed = "true";
      window.agentlabSaved.markPassed(example.dataset.example);
      title.textContent = strings.passed;
      verdict.replaceChildren.apply(verdict, nodes);
      showSolution(example, run.config);
      return;
    }
    verdict.dataset.passed = "false";
    example.dataset.failedChecks = String(Number(example.dataset.failedChecks || 0) + 1);
    title.textContent = strings.not_yet;
    var list = document.createElement("ul");
    failures.forEach(function (failure) {
      var item = document.createElement("li");
      item.textContent = failure;
      list.appendChild(item);
    });
    nodes.push(list);
    if (Number(example.dataset.failedChecks) >= 3 && !example.querySelector(".agentlab-solution")) {
      var show = button(strings.show_solution, "agentlab-verdict__solution");
      show.addEventListener("click", function () {
        show.remove();
        showSolution(example, run.config);
      });
      nodes.push(show);
    }
    verdict.replaceChildren.apply(verdict, nodes);
  }

  function start(example, controls, config, checking) {
    if (active) return;
    var run = {
      config: config, controls: controls, stdout: "", stderr: "", notice: "", example: example,
      body: example.querySelector(".agentlab-output__body"), started: null, timer: null, renderTimer: null,
    };
    active = run;
    if (checking) { // a new Check: the last verdict goes, and comes back only from this run
      var last = example.querySelector(".agentlab-verdict");
      if (last) last.remove();
    }
    setRunning(true);
    controls.stop.disabled = false;
    if (document.activeElement === controls.run) controls.stop.focus();
    run.php = example.dataset.runtime === "php";
    controls.status.textContent = !worker ? config.strings.loading
      : run.php && !phpLoaded ? config.strings.loading_php : config.strings.running;
    render(run);
    if (!worker) worker = new Worker(new URL("worker.js", scriptURL), { type: "module" });
    worker.onmessage = function (event) { onMessage(run, event.data); };
    worker.onerror = function (event) {
      event.preventDefault();
      if (run === active) kill(run, format(config.strings.load_failed, { error: event.message || "worker" }));
    };
    worker.postMessage({
      type: "run",
      pyodide: new URL(config.pyodide, assetsRoot).href,
      archive: new URL(config.archive, assetsRoot).href,
      snapshot: new URL(config.snapshot, assetsRoot).href,
      libDir: config.libDir,
      file: example.dataset.file,
      code: currentCode(example),
      argv: JSON.parse(example.dataset.argv),
      lang: example.dataset.lang,
      // A PHP example: the scenario it runs with, and PHP for WebAssembly from the site.
      runtime: example.dataset.runtime,
      scenario: example.dataset.scenario || null,
      scenarioText: example.dataset.scenarioText || null,
      phpWasm: new URL(config.phpWasm, assetsRoot).href,
      // Check: the exercise's check file, fetched by the worker only now.
      check: checking ? new URL(example.dataset.check, assetsRoot).href : null,
    });
  }

  function button(label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button " + className;
    element.textContent = label;
    return element;
  }

  // -- the reader's code: kept in this browser, or from a shared link (saved.js) ----------

  function pageCode(example) {
    return example.querySelector(".highlight code").textContent;
  }

  // The example's open editor ({element, value, focus, destroy}: editor.js), or null.
  function editorOf(example) {
    var element = example.querySelector(".agentlab-editor");
    return element ? element.agentlabEditor : null;
  }

  function currentCode(example) {
    var editor = editorOf(example);
    return editor ? editor.value : pageCode(example);
  }

  // A note above the code (role=status): where the code in the editor came from, or why
  // a saved edit or a link was not applied. `actions`: [label, function] buttons.
  function showNote(example, text, actions) {
    var old = example.querySelector(".agentlab-note");
    if (old) old.remove();
    if (!text) return;
    var note = document.createElement("div");
    note.className = "agentlab-note";
    note.setAttribute("role", "status");
    var words = document.createElement("p");
    words.textContent = text;
    note.appendChild(words);
    (actions || []).forEach(function (action) {
      var element = button(action[0], "agentlab-note__action");
      element.addEventListener("click", action[1]);
      note.appendChild(element);
    });
    example.querySelector(".agentlab-toolbar").after(note);
  }

  // The editor holding `code`, with a note on where that code came from; resolves with
  // the editor, or null when it could not load.
  function openEditor(example, controls, config, code, note) {
    var editor = editorOf(example);
    var opened = editor ? Promise.resolve(editor) : createEditor(example, controls, config, code, false);
    return opened.then(function (editor) {
      if (!editor) return null;
      if (editor.value !== code) editor.value = code;
      showNote(example, note);
      return editor;
    });
  }

  function toggleEditor(example, controls, config) {
    var editor = editorOf(example);
    if (!editor) {
      createEditor(example, controls, config, pageCode(example), true);
      return;
    }
    // Reset: back to the page's code, and nothing kept (a link's code never was)
    var fromLink = editor.element.dataset.fromLink === "true";
    editor.destroy();
    example.querySelector(".highlight").hidden = false;
    controls.hint.hidden = true;
    controls.edit.textContent = config.strings.edit;
    if (!fromLink) window.agentlabSaved.forgetEdit(example);
    showNote(example, "");
    controls.edit.focus();
  }

  // hooks/code_editor builds one entry per language: the core and the grammar load together.
  var EDITOR_ENTRIES = { py: "python", php: "php", toml: "toml" };

  function loadEditor(file) {
    var entry = EDITOR_ENTRIES[file.split(".").pop().toLowerCase()] || "plain";
    if (!editorModules[entry]) editorModules[entry] = import(new URL("editor/" + entry + ".js", scriptURL).href);
    return editorModules[entry];
  }

  // The editor in place of the page's code (which stays, hidden, for Reset); resolves
  // with it, or with null after saying in the status why it could not load.
  function createEditor(example, controls, config, source, focus) {
    if (example.agentlabEditorLoading) return example.agentlabEditorLoading;
    controls.edit.disabled = true;
    example.dataset.editorLoading = "true"; // until the editor is there, or it could not load
    var code = example.querySelector(".highlight");
    var editor = null;
    var file = example.dataset.file;
    var loading = loadEditor(file).then(function (module) {
      return module.open({
        after: code,
        doc: source,
        label: format(config.strings.editor, { file: example.dataset.file }),
        describedBy: controls.hint.id,
        onRun: function () { start(example, controls, config, false); },
        onChange: function (text) {
          delete editor.element.dataset.fromLink; // changed: now it is the reader's own edit
          window.agentlabSaved.saveEdit(example, pageCode(example), text);
        },
      });
    }).then(function (created) {
      editor = created;
      editor.element.agentlabEditor = editor;
      code.hidden = true;
      controls.hint.hidden = false;
      controls.edit.textContent = config.strings.reset;
      if (focus) editor.focus();
      return editor;
    }, function (error) {
      editorModules = {}; // the next Edit tries again
      controls.status.textContent = format(config.strings.editor_failed,
                                           { error: String((error && error.message) || error) });
      return null;
    });
    example.agentlabEditorLoading = loading;
    loading.then(function () {
      example.agentlabEditorLoading = null;
      delete example.dataset.editorLoading;
      controls.edit.disabled = false;
    });
    return loading;
  }

  // Back after a reload: the reader's edit, unless the page's code changed since.
  function restoreEdit(example, controls, config) {
    var saved = window.agentlabSaved.loadEdit(example, pageCode(example));
    if (!saved) return;
    var strings = config.strings;
    if (!saved.stale) {
      openEditor(example, controls, config, saved.code, strings.restored);
      return;
    }
    showNote(example, strings.stale, [
      [strings.open_edit, function () { openEditor(example, controls, config, saved.code, strings.restored); }],
      [strings.discard_edit, function () { window.agentlabSaved.forgetEdit(example); showNote(example, ""); }],
    ]);
  }

  function copyLink(example, controls, config) {
    var strings = config.strings;
    Promise.resolve().then(function () {
      return window.agentlabSaved.shareLink(example, currentCode(example));
    }).then(function (link) {
      // No clipboard here (or no permission): the link, to copy by hand.
      function byHand() { showNote(example, format(strings.link_here, { link: link })); }
      if (!navigator.clipboard || !navigator.clipboard.writeText) return byHand();
      return navigator.clipboard.writeText(link).then(function () {
        controls.status.textContent = format(strings.link_copied, { chars: link.length });
      }, byHand);
    }).catch(function (error) {
      controls.status.textContent = error && error.tooLong
        ? format(strings.link_too_long, { chars: error.tooLong, max: error.max })
        : format(strings.link_failed, { error: String((error && error.message) || error) });
    });
  }

  // A shared link opened: its code in its example's editor, or why not.
  function openSharedLink(config) {
    var shared = window.agentlabSaved.sharedCode(location.hash);
    if (!shared) return;
    var strings = config.strings;
    function pageNote(text) {
      var first = document.querySelector(".agentlab-example");
      if (first) showNote(first, text);
    }
    shared.then(function (found) {
      var example = Array.prototype.find.call(document.querySelectorAll(".agentlab-example"), function (element) {
        return element.dataset.example === found.example;
      });
      if (!example) {
        pageNote(format(strings.link_unknown, { example: found.example }));
        return;
      }
      reveal(example);
      var own = window.agentlabSaved.loadEdit(example, pageCode(example));
      var controls = example.agentlabControls;
      return openEditor(example, controls, config, found.code, strings.from_link).then(function (editor) {
        if (!editor) return;
        // The link's code is not the reader's edit: it is saved only once they change it,
        // and their own saved edit stays one click away.
        editor.element.dataset.fromLink = "true";
        if (own) {
          showNote(example, strings.from_link + " " + strings.own_edit_kept, [[strings.open_edit, function () {
            openEditor(example, controls, config, own.code, strings.restored).then(function (mine) {
              if (mine) delete mine.element.dataset.fromLink;
            });
          }]]);
        }
        history.replaceState(null, "", location.pathname + location.search); // a reload shows the page again
        example.scrollIntoView();
      });
    }, function (error) {
      pageNote(error && error.tooLong ? format(strings.link_too_long, { chars: error.tooLong, max: error.max })
                                      : strings.link_malformed);
    });
  }

  // The tab (and closed details) an example is in, shown as a reader would show it.
  function reveal(example) {
    for (var block = example.closest(".tabbed-block"); block; block = block.parentElement.closest(".tabbed-block")) {
      var index = Array.prototype.indexOf.call(block.parentElement.children, block);
      var label = block.closest(".tabbed-set").querySelectorAll(":scope > .tabbed-labels > label")[index];
      if (label) label.click();
    }
    var details = example.closest("details");
    if (details) details.open = true;
  }

  function enhance(example, config, index) {
    // The hook leaves an empty toolbar of the right height: filling it shifts nothing.
    var toolbar = example.querySelector(".agentlab-toolbar");
    if (!toolbar || toolbar.childElementCount) return;
    var strings = config.strings;
    var controls = {
      run: button(strings.run, "md-button--primary agentlab-toolbar__run"),
      edit: button(strings.edit, "agentlab-toolbar__edit"),
      stop: button(strings.stop, "agentlab-toolbar__stop"),
      status: document.createElement("span"),
      hint: document.createElement("span"),
    };
    controls.stop.disabled = true;
    controls.status.className = "agentlab-toolbar__status";
    controls.status.setAttribute("role", "status");
    controls.hint.className = "agentlab-toolbar__hint";
    controls.hint.id = "agentlab-hint-" + index;
    controls.hint.textContent = strings.hint;
    controls.hint.hidden = true;
    controls.run.addEventListener("click", function () { start(example, controls, config, false); });
    if (example.dataset.check) {
      controls.check = button(strings.check, "agentlab-toolbar__check");
      controls.check.addEventListener("click", function () { start(example, controls, config, true); });
    }
    controls.stop.addEventListener("click", function () {
      if (active && active.controls === controls) kill(active, strings.stopped);
    });
    controls.edit.addEventListener("click", function () { toggleEditor(example, controls, config); });
    controls.link = button(strings.copy_link, "agentlab-toolbar__link");
    controls.link.addEventListener("click", function () { copyLink(example, controls, config); });
    toolbar.append.apply(toolbar, [controls.run, controls.check, controls.edit, controls.link, controls.stop,
                                   controls.status, controls.hint].filter(Boolean));
    example.agentlabControls = controls;
    if (example.dataset.check && window.agentlabSaved.passed(example.dataset.example)) {
      controls.status.textContent = strings.passed_before;
    }
    restoreEdit(example, controls, config);
  }

  // The course home lists every exercise (hooks/exercises.py): each gets its state here.
  function showProgress(config) {
    document.querySelectorAll(".agentlab-progress [data-example]").forEach(function (item) {
      var done = window.agentlabSaved.passed(item.dataset.example);
      item.dataset.passed = String(done);
      var state = item.querySelector(".agentlab-progress__state");
      if (state) state.textContent = done ? config.strings.progress_passed : config.strings.progress_open;
    });
  }

  function setup() {
    // Instant navigation replaced the page: a run there has nobody to show it to.
    if (active && !document.contains(active.body)) kill(active, "");
    var config = runnerConfig();
    if (!config) return;
    document.querySelectorAll(".agentlab-example").forEach(function (example, index) {
      enhance(example, config, index);
    });
    openSharedLink(config);
    showProgress(config);
    setRunning(active !== null);
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else setup();
})();
