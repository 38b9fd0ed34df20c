// What the reader keeps in this browser, for runner.js: their edit of each example and
// exercise (localStorage, per page, language and example), whether they passed each
// exercise, and the codec of a shared link (the code, compressed, in the URL fragment:
// nothing of it is sent anywhere). Nothing here talks to the network.
(function () {
  "use strict";

  var EDIT = "agentlab:edit:"; // + lang + ":" + page path + ":" + example
  var PASSED = "agentlab:passed:"; // + example (an exercise passed, in either language)
  var SHARE = "code="; // the fragment: #code=<example>~<deflate-raw, base64url>
  // A link longer than this is refused when made and when opened: the URL of a chat or a
  // mail stays usable, and an opened page never decompresses an unbounded fragment.
  var MAX_FRAGMENT = 8000;
  var MAX_CODE = 100000; // characters of code a shared link may unpack to

  function storage() {
    try {
      return window.localStorage;
    } catch (error) { // storage disabled: nothing is kept, everything else works
      return null;
    }
  }

  // A short fingerprint of the page's code: a saved edit remembers what it was made
  // from, so that a change of the page's code is noticed (FNV-1a, 32 bits).
  function fingerprint(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }

  function editKey(example) {
    return EDIT + example.dataset.lang + ":" + location.pathname + ":" + example.dataset.example;
  }

  // The reader's saved edit of an example: {code, base, stale} (stale: the page's code
  // changed since the edit was made), or null.
  function loadEdit(example, pageCode) {
    var store = storage();
    var raw = store && store.getItem(editKey(example));
    if (!raw) return null;
    try {
      var saved = JSON.parse(raw);
      if (typeof saved.code !== "string") return null;
      return { code: saved.code, stale: saved.base !== fingerprint(pageCode) };
    } catch (error) {
      return null;
    }
  }

  function saveEdit(example, pageCode, code) {
    var store = storage();
    if (!store) return;
    try {
      if (code === pageCode) store.removeItem(editKey(example));
      else store.setItem(editKey(example), JSON.stringify({ code: code, base: fingerprint(pageCode) }));
    } catch (error) { /* full: the edit stays in the editor only */ }
  }

  function forgetEdit(example) {
    var store = storage();
    if (store) store.removeItem(editKey(example));
  }

  function markPassed(example) {
    var store = storage();
    try {
      if (store) store.setItem(PASSED + example, "1");
    } catch (error) { /* full */ }
  }

  function passed(example) {
    var store = storage();
    return Boolean(store && store.getItem(PASSED + example));
  }

  function toBase64Url(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(text) {
    var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function pipe(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
  }

  // The link that opens this page with `code` in the editor of `example`; rejects with
  // {tooLong: length} past MAX_FRAGMENT.
  function shareLink(example, code) {
    var bytes = new TextEncoder().encode(code);
    return pipe(bytes, new CompressionStream("deflate-raw")).then(function (packed) {
      var fragment = SHARE + encodeURIComponent(example.dataset.example) + "~" + toBase64Url(new Uint8Array(packed));
      if (fragment.length > MAX_FRAGMENT) throw { tooLong: fragment.length, max: MAX_FRAGMENT };
      return location.href.split("#")[0] + "#" + fragment;
    });
  }

  // The code a shared link carries: null when the fragment is not a shared link;
  // else a promise of {example, code}, rejected with {malformed} or {tooLong}.
  function sharedCode(hash) {
    var fragment = (hash || "").replace(/^#/, "");
    if (fragment.indexOf(SHARE) !== 0) return null;
    if (fragment.length > MAX_FRAGMENT) return Promise.reject({ tooLong: fragment.length, max: MAX_FRAGMENT });
    var parts = fragment.slice(SHARE.length).split("~");
    var bytes;
    try {
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error("parts");
      bytes = fromBase64Url(parts[1]);
    } catch (error) {
      return Promise.reject({ malformed: true });
    }
    var example = decodeURIComponent(parts[0]);
    return pipe(bytes, new DecompressionStream("deflate-raw")).then(function (plain) {
      var code = new TextDecoder("utf-8", { fatal: true }).decode(plain);
      if (code.length > MAX_CODE) throw { tooLong: code.length, max: MAX_CODE };
      return { example: example, code: code };
    }, function () {
      throw { malformed: true };
    });
  }

  window.agentlabSaved = {
    loadEdit: loadEdit, saveEdit: saveEdit, forgetEdit: forgetEdit, markPassed: markPassed, passed: passed,
    shareLink: shareLink, sharedCode: sharedCode, MAX_FRAGMENT: MAX_FRAGMENT,
  };
})();
