/* The course's search worker. Material's own worker runs inside it unchanged
   (hooks/search_worker.py names this file in Material's page config, with Material's
   worker as ?material=); around it, lunr is taught what readers of the course type:
   search-words.js says which indexed stems a typed word stands for, search-rank.js
   orders the results for a reader looking for a section. Here they are wired in:

   - the index folds ё to е in every token (the results show the page's own text);
   - each word of a query Material parses is replaced by the indexed stems it stands for
     (and a Russian loanword is looked up in its Latin spelling too: agents_limit);
   - the parts of a word the site's separator splits (agents.php, CAgent::RemoveAgent,
     BX_CRONTAB), or of a name typed in lower case (rebuildsearchindex), are all
     required, and found together rank first, unless the index lacks one of them as
     it would be looked up; then they are words of the query like any other. A name of
     one word and single letters (CUser, cuser) is that word alone. */
"use strict"

const MATERIAL = new URL(new URL(self.location.href).searchParams.get("material"), self.location.href).href
const SETUP = 0, QUERY = 2, RESULT = 3      // Material's SearchMessageType

const importBesideThis = self.importScripts.bind(self)
importBesideThis("search-words.js", "search-rank.js")
// Material imports lunr's language files relative to its own script, not to this one.
self.importScripts = (...urls) => importBesideThis(...urls.map(url => new URL(url, MATERIAL).href))

let separator = /\s+/
let docs = new Map()                        // location -> the index's document
let docFacts = new Map()
let titleWords = null                       // stem -> the titles' most frequent word for it
let index = null                            // SearchWords.terms() of the built index
let identifierWords = null                  // SearchWords.identifierWords() of the docs
let identifierParts = null                  // their stems: SearchWords.identifierParts()
let joined = []                             // the last query's joined words, split
let searched = { words: [], rarities: [], starts: [], phrases: [], constants: [], pairs: [] }
let typed = new Map()                       // a query word, ё folded -> as the reader typed it
let typedWordOf = new Map()                 // a term of the last query -> the word it was typed as
let constants = []                          // the query's words typed in capitals (RUNNING, BX_CRONTAB)

// A name in capitals (three characters or more), as the kernel's constants and columns are written.
const CONSTANT = /^[A-Z][A-Z0-9_]+[A-Z0-9]$/
// A command line's option, not lunr's "-" (leave out pages with the word): --format.
const OPTION = /^--(?=[^-])/
// What a word's edges hold that is not a letter or a digit, as lunr's trimmer takes it off.
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu

// Registered before Material's own listener, so it sees each message first.
addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    const { config } = message.data
    separator = new RegExp(config.separator)
    config.fields.title.boost = SearchRank.TITLE_BOOST
    docs = new Map(message.data.docs.map(doc => [doc.location, doc]))
    docFacts = new Map()
    titleWords = null
    identifierWords = null
    identifierParts = null
  } else if (message.type === QUERY) {
    const words = message.data.split(/\s+/)
    typed = new Map(words.map(word => [SearchWords.fold(word), word.toLowerCase()]))
    constants = words.map(word => word.replace(EDGES, "")).filter(word => CONSTANT.test(word))
    message.data = requireJoinedParts(message.data)
  }
})

// Material names the query's terms, which are stems here, to the reader: the words it
// did not find ("Missing: реж"), and the words to highlight on the page it opens (?h=).
// It gets the reader's words instead («режимы»). It suggests the rest of the last word
// from the index's terms too: it shows a word of the titles instead («периодическ» →
// «периодические»).
const post = self.postMessage.bind(self)
self.postMessage = message => post(message.type === RESULT ? { ...message, data: asTyped(message.data) } : message)

function asTyped({ items, suggest, ...rest }) {
  const typedTerms = terms => Object.fromEntries(Object.entries(terms).map(([term, found]) => [typedWordOf.get(term) || term, found]))
  return {
    ...rest,
    items: items.map((group, place) => showStrongSections(group.map(doc => (
      doc.terms ? { ...doc, terms: typedTerms(doc.terms) } : doc)), place)),
    ...suggest && { suggest: suggest.map(titleWordOf) }
  }
}

// Material shows under a page only the sections that score as high as its best, and
// folds the rest under "N more on this page". Under the first page, the sections that
// score at least SHOWN of its best are shown too: given the score of the best (its score
// only decides what is shown and, among equals, Enter opens the first listed: the best).
const SHOWN = 0.25
function showStrongSections(group, place) {
  if (place > 0)
    return group
  const [best] = group
  return group.map(doc => doc.location.includes("#") && doc.score < best.score && doc.score >= SHOWN * best.score
    ? { ...doc, score: best.score }
    : doc)
}

importScripts(MATERIAL)

/* Index side. */
const add = lunr.Builder.prototype.add
lunr.Builder.prototype.add = function (...args) {
  if (!this.foldsYo) {
    const tokenize = this.tokenizer
    this.tokenizer = (...input) => tokenize(...input).map(token => token.update(SearchWords.fold))
    this.foldsYo = true
  }
  return add.apply(this, args)
}
const build = lunr.Builder.prototype.build
lunr.Builder.prototype.build = function () {
  const built = build.call(this)
  index = SearchWords.terms(built.invertedIndex)
  return built
}

/* Query side: Material parses every query with lunr's QueryParser, to search and to
   mark the words it found. */
const parse = lunr.QueryParser.prototype.parse
lunr.QueryParser.prototype.parse = function () {
  const parsed = parse.call(this)
  parsed.clauses = lookUpWords(parsed.clauses)
  return parsed
}

const search = lunr.Index.prototype.query
lunr.Index.prototype.query = function (...args) {
  return SearchRank.rescore(search.apply(this, args), searched, factsOf)
}

function requireJoinedParts(query) {
  joined = []
  return query.split(/(\s+)/).map(word => {
    word = word.replace(OPTION, "")
    if (/^[+-]|["*~^]/.test(word))
      return word
    // A name the separator splits (AddMessage2Log: its capitals) splits there, as the pages'
    // names do; a word it leaves whole, or a part of one it splits, is read as words run
    // together (addmessage2log; cagent::checkagents, CAgent::CheckAgents typed in lower case).
    // Each part trimmed as lunr trims a word ($agent_id: agent, id).
    const split = word.split(separator).map(part => SearchWords.fold(part).replace(EDGES, "")).filter(Boolean)
    const parts = split.flatMap(part => ranTogether(part) || [part])
    const searchable = [...new Set(parts.filter(part => part.length > 1))]
    // A name of one word and letters (CUser, cuser, X-Bitrix) is that word: lunr would read
    // a letter as the start of every word. A digit stays (5-minute).
    const letters = parts.filter(part => part.length === 1)
    if (letters.length && parts.length === letters.length + 1 && letters.every(letter => /\p{L}/u.test(letter)))
      return searchable[0]
    if (searchable.length < 2)
      return word
    // A part the index has nothing for, as it would be looked up ("low" of low-traffic),
    // would leave no result at all: then the parts are words of the query like any other.
    if (index && !searchable.every((part, i) => isIndexedPart(part, i === searchable.length - 1)))
      return searchable.join(" ")
    joined.push({ word: SearchWords.fold(word), parts })
    return searchable.map(part => `+${part}`).join(" ")
  }).join("")
}

// Whether the index has a joined word's part as lookUpWords will look it up: the parts
// before the last were typed in full and are found by their stem alone, as small words
// are; the last may be cut short or mistyped.
function isIndexedPart(part, last) {
  return index.has(SearchWords.stem(part)) ||
    last && !SearchWords.isStopWord(part) && index.startsAny(SearchWords.lookUp(part, index))
}

// The identifier words a lower-case name runs together, once the index is built.
function ranTogether(word) {
  if (!index)
    return undefined
  return SearchWords.runTogether(SearchWords.fold(word), wordsOfIdentifiers(), index)
}

function wordsOfIdentifiers() {
  identifierWords ??= SearchWords.identifierWords([...docs.values()].map(({ text }) => text), separator)
  return identifierWords
}

// A word as typed (Material adds the `*`), not a wildcard or fuzzy term of the reader's.
const isPlainWord = clause => !clause.editDistance && /^[^*]+\*?$/.test(clause.term)
// Its edges trimmed as lunr's trimmer trims the indexed words ("95%" is 95).
const wordOf = clause => {
  const word = SearchWords.fold(clause.term.replace(/\*$/, ""))
  return word.replace(EDGES, "") || word
}

function lookUpWords(clauses) {
  const words = clauses.filter(isPlainWord)
  // Small words alone are a query still being typed: they are looked up as prefixes.
  const typing = words.every(clause => SearchWords.isStopWord(wordOf(clause)))
  // The parts of a joined word before its last were typed in full.
  const whole = new Set(joined.flatMap(({ parts }) => parts.slice(0, -1)))
  const found = new Map()                   // word -> { term, exact, small, spelled }
  identifierParts ??= SearchWords.identifierParts(wordsOfIdentifiers())
  typedWordOf = new Map()
  const rewritten = clauses.flatMap(clause => {
    if (!words.includes(clause) || !index)
      return [clause]
    const word = wordOf(clause)
    if (!found.has(word)) {
      const small = !typing && SearchWords.isStopWord(word)
      // A number with a word after it was typed in full: "60 seconds" is not 600.
      const number = /^\d+$/.test(word) && clause !== words.at(-1) && index.has(word)
      found.set(word, small || number || whole.has(word)
        ? { term: SearchWords.stem(word), exact: true, small }
        : { term: SearchWords.lookUp(word, index), exact: false, small, spelled: SearchWords.latinSpelling(word, identifierParts) })
    }
    const { term, exact, spelled } = found.get(word)
    const rewritten = exact ? term : `${term}*`
    const asTyped = typed.get(word) || word
    typedWordOf.set(rewritten, asTyped).set(term, asTyped)
    const looked = [{ ...clause, term: rewritten, usePipeline: false }]
    if (spelled) {
      typedWordOf.set(spelled, asTyped)
      // Optional: a section with the Russian word alone is still found.
      looked.push({ ...clause, term: spelled, usePipeline: false, presence: lunr.Query.presence.OPTIONAL })
    }
    return looked
  })
  const prohibited = new Set(clauses.filter(clause => clause.presence === lunr.Query.presence.PROHIBITED).map(wordOf))
  const inPhrase = new Set(joined.flatMap(({ parts }) => parts))
  const tests = [...found].map(([word, { term, exact, small, spelled }]) => ({
    word, small, term, exact, test: exact ? indexed => indexed === term : indexed => indexed.startsWith(term) || indexed === spelled
  })).filter(({ word }) => !prohibited.has(word))
  const loose = tests.filter(({ word }) => !inPhrase.has(word)).map(({ test }) => test)
  const content = tests.filter(({ word, small }) => !small && !inPhrase.has(word))   // the words that are not small
  searched = {
    words: content.map(({ test }) => test),
    rarities: content.map(({ term, exact }) => rarity(term, exact)),
    starts: content.map(({ word }) => wordStart(word)),
    phrases: joined.map(({ word }) => wholeWord(word)),
    constants: constants.map(word => wholeWord(word, "u")),
    pairs: loose.slice(1).map((test, i) => [loose[i], test])
  }
  return rewritten
}

// How few documents hold a word: lunr's inverse document frequency of the terms it stands
// for (its Latin spelling, looked up beside it, aside).
function rarity(term, exact) {
  const holding = index.documents(term, exact)
  return Math.log(1 + (docs.size - holding + 0.5) / (holding + 0.5))
}

// agents.php as a word of its own, not the end of test_agents.php.
const escaped = word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const wholeWord = (word, flags = "gu") => new RegExp(`(?<![\\p{L}\\p{N}_])${escaped(word)}(?![\\p{L}\\p{N}_])`, flags)
// A word of the text that starts as typed: the word itself, or one it was the start of.
const wordStart = word => new RegExp(`(?<![\\p{L}\\p{N}_])${escaped(word)}`, "u")

// What the ranking reads of a document: how many words of its title are not small
// ones; its title, and its text outside and inside code blocks, lower case, ё folded,
// and outside them as written;
// the headings it stands under, whether it recaps and whether it is an exercise
// (hooks/search_sections.py).
const CODE_BLOCK = /<pre[\s>][\s\S]*?<\/pre>/g
const PARAGRAPH = /<\/?(?:p|li|td|th)\b[^>]*>/
const QUOTE = /«[^«»]+»|“[^“”]+”/g          // how a text names a title
function factsOf(location) {
  if (!docFacts.has(location)) {
    const { title = "", text = "", parents = [], recap = false, exercise = false } = docs.get(location) || {}
    const outside = text.replace(CODE_BLOCK, " ")   // the text outside code blocks, as written
    const folded = SearchWords.fold(title), body = SearchWords.fold(outside)
    const stems = words => words.split(separator).map(word => word.replace(EDGES, "")).filter(Boolean).map(SearchWords.stem)
    const paragraph = words => ({ stems: stems(words), quoted: (words.match(QUOTE) || []).map(quote => stems(quote).join(" ")) })
    docFacts.set(location, {
      words: folded.split(separator).filter(word => word && !SearchWords.isStopWord(word)).length,
      title: folded,
      prose: `${folded} ${body}`,
      cased: `${title} ${outside}`,
      code: (SearchWords.fold(text).match(CODE_BLOCK) || []).join(" "),
      parents,
      recap,
      exercise,
      titleStems: stems(folded),
      paragraphs: body.split(PARAGRAPH).map(paragraph)
    })
  }
  return docFacts.get(location)
}

function titleWordOf(stem) {
  if (!titleWords) {
    const counts = new Map()
    for (const { title } of docs.values())
      for (const word of title.toLowerCase().split(separator).filter(Boolean)) {
        const key = `${SearchWords.stem(SearchWords.fold(word))} ${word}`
        counts.set(key, (counts.get(key) || 0) + 1)
      }
    titleWords = new Map()
    for (const [key, count] of [...counts].sort(([, a], [, b]) => a - b)) {
      const [wordStem, word] = key.split(" ")
      titleWords.set(wordStem, word)       // the most frequent is set last
    }
  }
  return titleWords.get(stem) || stem
}
