// The HealthAI question page: asks /api/ask and shows the answer, its citations, the replica that
// served it and whether the model or the extractive fallback answered. Builds DOM nodes rather than
// HTML strings, so nothing from an answer or a document is ever parsed as markup.
(function () {
  "use strict";

  var form = document.getElementById("ask");
  var input = document.getElementById("question");
  var button = form.querySelector("button");
  var status = document.getElementById("status");
  var result = document.getElementById("result");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // The API escapes the five characters it must (& < > " ') in a snippet's text; only these go back to text.
  var entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'" };
  function unescapeText(text) {
    return text.replace(/&(amp|lt|gt|quot|#39);/g, function (entity) { return entities[entity]; });
  }

  // Search snippets are escaped text with matches in <mark>…</mark>; only those two tokens become elements,
  // and the rest becomes text nodes, never markup.
  function appendSnippet(parent, snippet) {
    snippet.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") { return true; }
      if (part === "</mark>") { return false; }
      if (part) { parent.appendChild(marked ? element("mark", null, unescapeText(part)) : document.createTextNode(unescapeText(part))); }
      return marked;
    }, false);
  }

  // Answer text carries [n] markers: each becomes a link to its citation.
  function appendAnswer(parent, text) {
    text.split(/(\[\d+\])/).forEach(function (part) {
      var marker = /^\[(\d+)\]$/.exec(part);
      if (marker) {
        var link = element("a", "cite", part);
        link.href = "#citation-" + marker[1];
        parent.appendChild(link);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function show(answer, instance) {
    result.textContent = "";
    var meta = element("div", "meta");
    var model = answer.answeredBy === "model";
    meta.appendChild(element("span", "badge" + (model ? "" : " fallback"),
      model ? "answered by the model" + (answer.model ? " (" + answer.model + ")" : "") : "extractive answer"));
    meta.appendChild(element("span", "badge", "served by " + (instance || answer.instance)));
    result.appendChild(meta);

    if (answer.fallbackReason) {
      result.appendChild(element("p", "fallback-reason", answer.fallbackReason));
    }

    var paragraph = element("p");
    appendAnswer(paragraph, answer.answer);
    result.appendChild(paragraph);

    if (answer.citations.length > 0) {
      result.appendChild(element("h2", null, "Sources"));
      var list = element("ol", "citations");
      answer.citations.forEach(function (citation) {
        var item = element("li");
        item.id = "citation-" + citation.number;
        item.value = citation.number;
        item.appendChild(element("span", "title", citation.title));
        if (citation.source) {
          item.appendChild(document.createTextNode(" "));
          item.appendChild(element("span", "source", "— " + citation.source));
        }
        var snippet = element("span", "snippet");
        appendSnippet(snippet, citation.snippet);
        item.appendChild(snippet);
        list.appendChild(item);
      });
      result.appendChild(list);
    }

    result.appendChild(element("p", "disclaimer", answer.disclaimer));
    result.hidden = false;
  }

  // One key per question asked: the edges may then replay the request on another replica if the one
  // answering fails mid-way (asking only reads, so a replay changes nothing).
  function idempotencyKey() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return "ask-" + window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "ask-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function problemText(body, response) {
    if (body && (body.detail || body.title)) { return body.detail || body.title; }
    return "The service answered " + response.status + ".";
  }

  // A request that got no answer at all (the connection dropped, or the browser's network changed under it,
  // which Chromium reports as ERR_NETWORK_CHANGED) is asked again with the same key, which makes it safe.
  function ask(question, key, retries) {
    return fetch("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": key },
      body: JSON.stringify({ question: question })
    }).catch(function (error) {
      if (retries <= 0) { throw error; }
      return new Promise(function (resolve) { setTimeout(resolve, 500); }).then(function () { return ask(question, key, retries - 1); });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) { return; }
    button.disabled = true;
    status.className = "status";
    status.textContent = "Looking it up…";

    ask(question, idempotencyKey(), 2).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok || !body) { throw new Error(problemText(body, response)); }
        status.textContent = "";
        show(body, response.headers.get("X-HealthAI-Instance"));
      });
    }).catch(function (error) {
      status.className = "status error";
      status.textContent = error.message || "The service could not be reached.";
    }).then(function () {
      button.disabled = false;
    });
  });
})();
