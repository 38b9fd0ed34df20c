/* What a typed word stands for in the course's search index (search-worker.js): the
   prefix of indexed stems it is looked up by. The index holds stems (lunr's Russian and
   English stemmers) with ё folded to е; Material adds `*` to every typed word, and lunr
   runs no stemmer on such a word, so the stem is found here:

   - a complete word stands for its stem («агентов» → агент*, "registering" → regist*);
   - a small word (и, на, the, on; lunr's stop words) stands for its stem alone: «с*»
     would find every word that starts with с;
   - a word cut short stands for itself («перио» → перио*: its stem «пер» would find
     too much);
   - a word the index has nothing for is corrected: one typo (a letter missing, extra,
     wrong, or two swapped), or a Latin word typed in Cyrillic («крона» → cron*);
   - failing that, a word derived otherwise than the page's stands for the root they
     share («деактивация» → деактив*: the page says «деактивирует»);
   - a Russian word for a loanword also stands for its Latin spelling, when that is a
     part of one of the course's identifiers: they are English, and the reader names
     their parts in Russian («лимит агентов» finds agents_limit: limit, agent);
   - a name typed in lower case, its words run together, stands for those words
     («gettyperunagent»: getTypeRunAgent), as the name typed with its capitals would. */
"use strict"

const SearchWords = (() => {
  const MIN_CORRECTED = 4                   // shorter words are too ambiguous to correct
  const LONGEST_ENDING = 5                  // what a stemmer takes off a word at most
  const ROOT = 6                            // letters of a root shared by two derived words, at least
  const SUFFIX = 3                          // letters of a stem a derivation changes, at most
  const CYRILLIC = /[а-яё]/
  const LATIN_OF = {
    а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y",
    к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f",
    х: "h", ц: "c", ч: "ch", ш: "sh", щ: "sch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya"
  }

  const fold = text => text.toLowerCase().replace(/ё/g, "е")
  const latin = text => [...text].map(letter => LATIN_OF[letter] ?? letter).join("")

  function run(word, fn) {
    const token = fn && fn(new lunr.Token(word))
    return token ? token.toString() : undefined
  }

  // lunr's language files are loaded by Material's worker when the index is set up.
  const language = word => CYRILLIC.test(word) ? lunr.ru || {} : lunr

  const isStopWord = word => {
    const filter = language(word).stopWordFilter
    return Boolean(filter) && run(word, filter) === undefined
  }

  const stem = word => run(word, language(word).stemmer) || word

  // The stem, cut back to a prefix of the word (Porter may end a stem in e or i).
  function stemPrefix(word) {
    const full = stem(word)
    let common = 0
    while (common < full.length && full[common] === word[common])
      common++
    return common ? word.slice(0, common) : word
  }

  /* The index's terms, sorted, for prefix look-ups; `postings` is lunr's inverted index. */
  function terms(postings) {
    const vocabulary = Object.keys(postings).sort()

    function withPrefix(prefix) {
      let low = 0, high = vocabulary.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (vocabulary[middle] < prefix) low = middle + 1
        else high = middle
      }
      const found = []
      for (let i = low; i < vocabulary.length && vocabulary[i].startsWith(prefix); i++)
        found.push(vocabulary[i])
      return found
    }

    // How many documents hold a term starting with prefix (or that term alone, exact).
    const documents = (prefix, exact = false) => {
      const refs = new Set()
      for (const term of exact ? [prefix].filter(term => term in postings) : withPrefix(prefix))
        for (const [field, docs] of Object.entries(postings[term]))
          if (field !== "_index")
            Object.keys(docs).forEach(ref => refs.add(ref))
      return refs.size
    }

    // lookUp's answers for this index: a query is parsed again on every key the reader
    // types, and a word that needs correcting reads the whole vocabulary.
    const lookedUp = new Map()

    return { vocabulary, has: term => term in postings, startsAny: prefix => withPrefix(prefix).length > 0, documents,
             lookedUp }
  }

  /* The prefix a typed word (lower case, ё folded) is looked up by. */
  function lookUp(word, index) {
    if (!index.lookedUp.has(word))
      index.lookedUp.set(word, prefixFor(word, index))
    return index.lookedUp.get(word)
  }

  function prefixFor(word, index) {
    const stem = stemPrefix(word)
    if (index.has(stem))
      return stem
    return [word, stem].find(index.startsAny) || correction(word, stem, index) || sharedRoot(stem, index) || stem
  }

  /* The longest start of a stem that an indexed term starts with too, cutting off up to
     SUFFIX letters and keeping ROOT at least: the root of a word the page derives with
     another suffix («деактивац» → деактив, as in «деактивир»). */
  function sharedRoot(stem, index) {
    for (let length = stem.length - 1; length >= Math.max(ROOT, stem.length - SUFFIX); length--)
      if (index.startsAny(stem.slice(0, length)))
        return stem.slice(0, length)
    return undefined
  }

  /* Corrections within one edit, the first letter kept (a reader mistypes a word's first
     letter rarely; changing it reads another word: "block" is not "lock"): the start of a
     term like the typed stem (a word typed so far), or a whole term like the start of the
     typed word (a stem of it). A term the typed word starts with, as typed, wins
     («opertaing» is oper*, not open*), then the one that finds the most documents (the
     word readers meant is a frequent one), then the longest. */
  function correction(word, stem, index) {
    if (stem.length < MIN_CORRECTED)
      return undefined
    const readings = [[word, stem]]
    if (CYRILLIC.test(word)) {
      const spelled = [word, stem].map(latin)
      const known = spelled.find(index.startsAny)
      if (known)
        return known
      readings.push(spelled)
    }
    const candidates = new Set()
    for (const [typed, typedStem] of readings)
      for (const term of index.vocabulary) {
        if (term[0] !== typed[0] && typed === word)   // a Latin reading may begin otherwise: крона, cron
          continue
        const start = nearPrefix(typedStem, term)
        if (start)
          candidates.add(start)
        if (term.length >= Math.max(MIN_CORRECTED, typed.length - LONGEST_ENDING) && nearPrefix(term, typed))
          candidates.add(term)
      }
    const rank = candidate => [+readings.some(([typed]) => typed.startsWith(candidate)), index.documents(candidate), candidate.length]
    const before = (a, b) => a.findIndex((value, i) => value !== b[i])
    let best, bestRank
    for (const candidate of candidates) {
      const candidateRank = rank(candidate)
      const differs = bestRank && before(candidateRank, bestRank)
      if (!best || differs >= 0 && candidateRank[differs] > bestRank[differs])
        [best, bestRank] = [candidate, candidateRank]
    }
    return best
  }

  /* The words of the identifiers in texts, lower case: the words a separator splits
     out of a Latin word (agents_limit → agents, limit; RebuildSearchIndex → rebuild,
     search, index). A reader runs them together when they type a name in lower case. */
  function identifierWords(texts, separator) {
    const words = new Set()
    for (const text of texts)
      for (const word of text.match(/[\w:]+/g) || []) {
        const split = word.split(separator).filter(Boolean)
        if (split.length > 1)
          split.forEach(part => words.add(fold(part)))
      }
    return words
  }

  /* Their stems (agent, limit): only these are bridged from Russian, since English prose
     and code comments spell many a word that a Russian one spells by chance. */
  const identifierParts = words => new Set([...words].map(stem))

  /* A Latin word the index has no term for, read as identifier words run together
     («rebuildsearchindex»: RebuildSearchIndex), in as few of them as it takes, each of two
     letters or more but the first (a class's prefix: CAgent); undefined when it is no such
     run. A shorter word is read so only as a class's letter and one word («cuser»: CUser),
     and only when no correction finds it otherwise (perid is period, not per + id); a
     number never (10800 is not 08 + 00). */
  const MIN_RUN = 6
  function runTogether(word, words, index) {
    if (!/^[a-z0-9]+$/.test(word) || /^\d+$/.test(word) || index.startsAny(word) || index.startsAny(stemPrefix(word)))
      return undefined
    if (word.length < MIN_RUN) {
      const [letter, rest] = [word[0], word.slice(1)]
      return word.length === MIN_RUN - 1 && /[a-z]/.test(letter) && words.has(letter) && words.has(rest)
        && !index.startsAny(lookUp(word, index)) ? [letter, rest] : undefined
    }
    const fewest = [[]]                     // fewest[i]: the fewest words that spell word's first i letters
    for (let end = 1; end <= word.length; end++)
      for (let start = 0; start < Math.max(end - 1, 1); start++) {
        const spelled = fewest[start]
        if (spelled && words.has(word.slice(start, end)) && (!fewest[end] || fewest[end].length > spelled.length + 1))
          fewest[end] = [...spelled, word.slice(start, end)]
      }
    const parts = fewest[word.length]
    return parts && parts.length > 1 ? parts : undefined
  }

  /* The Latin spelling of a Russian word, if it is one of the identifier parts. Shorter
     ones are left out: too many Russian words spell a short English one by chance. */
  function latinSpelling(word, parts) {
    if (!CYRILLIC.test(word))
      return undefined
    // The stem's («агентов» → agent), or the word's when the stemmer cut more than an
    // ending («лимит» → лим).
    return [stem(word), word].map(latin).find(spelled => spelled.length >= MIN_CORRECTED && parts.has(spelled))
  }

  // The longest prefix of text within one edit (Damerau) of typed, if any.
  function nearPrefix(typed, text) {
    const n = typed.length, m = Math.min(text.length, n + 1)
    if (m < n - 1)
      return undefined
    let before = null, previous = Array.from({ length: m + 1 }, (_, j) => j)
    for (let i = 1; i <= n; i++) {
      const row = [i]
      for (let j = 1; j <= m; j++) {
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (typed[i - 1] === text[j - 1] ? 0 : 1))
        if (before && j > 1 && typed[i - 1] === text[j - 2] && typed[i - 2] === text[j - 1])
          row[j] = Math.min(row[j], before[j - 2] + 1)
      }
      [before, previous] = [previous, row]
    }
    for (let j = m; j >= n - 1; j--)
      if (previous[j] <= 1)
        return text.slice(0, j)
    return undefined
  }

  return { fold, isStopWord, stem, terms, lookUp, identifierParts, identifierWords, runTogether, latinSpelling }
})()
