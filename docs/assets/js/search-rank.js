/* The order of what lunr found, for a reader looking for a section (search-worker.js).
   lunr adds up each word's score in each field; on top of that a document comes first
   when:
   - its page holds every word of the query, in any of its sections: Material lists the
     results page by page, and a page that lacks a word the reader typed («почтовые
     сообщения открытых линий»: the lab's «Открытые линии» has no mail) is not what they
     asked about, whatever its titles hold; PAGE_COVERAGE weighs this heavily, but not
     alone: the page may lack a word the reader adds in passing («почему не стоит …»);
   - it holds every word of the query, in its text or in the headings it stands under, or
     more of them, a word that few documents hold weighing more (lunr's idf): lacking the
     word the reader asks about is worse than lacking one nearly every section says («агент»);
   - its title, with its page's title and the headings above it (at half weight),
     holds more of the query's words, and more of its title is what was asked («Тихая
     ночь» before «… после тихой ночи»);
   - a joined word is found as typed (agents.php, AddAgent in CAgent::AddAgent), not only
     its parts apart, and the query's words stand close together in it, often ("cron
     mode" all through a section), in the order typed ("120 seconds"), all of them at
     once (the reader's phrase);
   - it holds the query's words as typed, not only words of their stems: the reader
     types the form they remember, or the start of it («mailin»: "mailings", not
     "to_mail"; "RUNNING", not "runs");
   - it writes a name typed in capitals in capitals: RUNNING is the column, not "runs";
   - it is not a recap of the lesson (its key points, its questions): they say again,
     in a line, what a section above explains, and the reader wants the explanation;
   - it is not an exercise, a little: an exercise names as a task what a section above
     explains («больше 5 секунд на проход»), and a reader who types those words mostly
     wants the explanation; one who names the task still finds it;
   - it is a section at all: Material multiplies a page's own score (its text before the
     first heading) by up to 2.5 over its sections', which put a page whose title holds a
     word before the section about it; a page's text here ranks as a section's. */
"use strict"

const SearchRank = (() => {
  const PHRASE = 10                         // a joined word found as typed, over its parts apart
  const CODE_WEIGHT = 0.25
  const PAGE_COVERAGE = 3                   // a page that holds every word of the query: a page with 3 of 4 weighs 0.42
  const COVERAGE = 2                        // a document that holds every word of the query, over one with some
  const HEADING_WEIGHT = 0.5                // a query word in a heading above a section, to one in its title
  const NEAR_POWER = 4                      // the weight of the query's words said together
  const TOGETHER = 2                        // all of three or more words said together, over pairs of them
  const NEAR = 3                            // positions apart that still count as said together
  const AS_TYPED = 1                        // the weight of the query's words found as typed
  const CAPITALS = 1                        // the weight of its names in capitals found so
  const RECAP = 0.3                         // a recap section's score, to one that explains
  const EXERCISE = 0.6                      // an exercise's score, to one that explains
  const FIELDS = ["title", "text"]
  // lunr's weight of a title match over a text match. Material's 1000 let a title that
  // holds one word of the query beat everything the factors below weigh; they weigh
  // titles themselves.
  const TITLE_BOOST = 7

  // Material's position of a token: its block (paragraph, list, code) and its index in it.
  const block = position => position >>> 20

  // word: whether an indexed term is what a query word stands for.
  function positions(metadata, word, field) {
    const found = []
    for (const [term, fields] of Object.entries(metadata))
      if (word(term) && fields[field])
        found.push(...fields[field].position)
    return found
  }

  // A joined word found as typed weighs PHRASE for each time it is named, a name in a
  // code block a quarter of one in the prose (register, not every example, names AddAgent).
  function named(phrase, { prose, code }) {
    const count = (prose.match(phrase) || []).length + CODE_WEIGHT * (code.match(phrase) || []).length
    return count ? PHRASE * count : 1
  }

  // How often two neighbouring query words stand close together in a document: one
  // such place weighs a half, more approach a whole ("cron mode" named all through a
  // section, not once). A place where they stand as typed, the one right after the
  // other, counts whole, others APART of one: "120 seconds" is a number of seconds,
  // "dialogs: 120, one a second" is not.
  const APART = 0.5
  const nearness = (metadata, [a, b]) => {
    let count = 0
    for (const field of FIELDS) {
      const others = positions(metadata, b, field)
      for (const p of positions(metadata, a, field)) {
        const near = others.filter(q => block(p) === block(q) && p !== q && Math.abs(p - q) <= NEAR)
        count += near.length ? (near.includes(p + 1) ? 1 : APART) : 0
      }
    }
    return 1 - 1 / (1 + count)
  }

  // Whether all the query's words stand together somewhere, each within NEAR of the
  // next: the reader's phrase, said in the document («переключите Режим работы на Cron»).
  const together = (metadata, words) => FIELDS.some(field => {
    const found = words.map(word => positions(metadata, word, field))
    const span = NEAR * (words.length - 1)
    return found.flat().some(start => found.every(places => places.some(place => (
      block(place) === block(start) && place >= start && place - start <= span))))
  })

  /* query: { words: what each query word stands for, as a test of an indexed term (small
     words and the parts of joined words aside), rarities: their inverse document
     frequencies, starts: the same words as typed, as patterns of a word's start,
     constants: the words typed in capitals, as patterns of whole words in that case,
     phrases: the joined words as typed, as global patterns of whole words, pairs:
     neighbouring words of the query, as tests }; doc(ref): { words: how many words of its
     title are not small, title, prose, code: its title and its text outside and inside
     code blocks, lower case, cased: its title and text outside code blocks as written,
     parents: the refs of the headings it stands under, below its page's, recap, exercise:
     whether it is a recap of the lesson, one of its exercises, titleStems: the indexed
     terms of its title, paragraphs: of each paragraph (or list item), its terms (stems)
     and those of each title it quotes, joined by spaces (quoted) }. */
  function rescore(results, query, doc) {
    const units = query.words.length + query.phrases.length
    if (!units)
      return results
    const titleWords = new Map(results.map(({ ref, matchData }) => [
      ref, query.words.filter(word => positions(matchData.metadata, word, "title").length)
    ]))
    const share = (count, all) => all ? count / all : 0
    // The share of the query's words and joined words held, each weighing its rarity (a
    // joined word the mean of the words').
    const rarityOf = new Map(query.words.map((word, i) => [word, query.rarities[i]]))
    const meanRarity = query.rarities.length ? query.rarities.reduce((a, b) => a + b) / query.rarities.length : 1
    const weight = unit => rarityOf.get(unit) ?? meanRarity
    const allWeight = [...query.words, ...query.phrases].reduce((sum, unit) => sum + weight(unit), 0)
    const weightedShare = units => share([...units].reduce((sum, unit) => sum + weight(unit), 0), allWeight)
    // The share of the patterns a text holds.
    const foundShare = (patterns, text) => share(patterns.filter(pattern => pattern.test(text)).length, patterns.length)
    // The query's words and joined words a document holds, in its title or text.
    const held = ({ ref, matchData: { metadata } }) => {
      const facts = doc(ref)
      return [...query.words.filter(word => FIELDS.some(field => positions(metadata, word, field).length)),
              ...query.phrases.filter(phrase => facts.prose.match(phrase) || facts.code.match(phrase))]
    }
    const onPage = new Map()                // page -> what its documents hold
    for (const result of results) {
      const [page] = result.ref.split("#")
      onPage.set(page, new Set([...onPage.get(page) || [], ...held(result)]))
    }
    const rescored = results.map(result => {
      const { metadata } = result.matchData
      const facts = doc(result.ref)
      const [page] = result.ref.split("#")
      const titlePhrases = query.phrases.filter(phrase => facts.title.match(phrase))
      // A section stands under its page's title and the headings above it (facts.parents).
      const headings = [page, ...facts.parents].flatMap(ref => titleWords.get(ref) || [])
      // A word of the headings above counts half one of its own title.
      const own = new Set(titleWords.get(result.ref))
      const inTitles = own.size + HEADING_WEIGHT * new Set(headings.filter(word => !own.has(word))).size + titlePhrases.length
      const titleHits = new Set(query.words.flatMap(word => positions(metadata, word, "title"))).size + titlePhrases.length
      const holds = held(result)
      const anywhere = share(holds.length, units)
      const pageBoost = result.ref.includes("#") ? 1 : (1 + anywhere ** 2) / (1 + (1 + anywhere) ** 2)
      const covered = weightedShare(new Set([...holds, ...headings]))
      const score = result.score * pageBoost * covered ** COVERAGE * share(onPage.get(page).size, units) ** PAGE_COVERAGE
        * (1 + share(inTitles, units)) ** 2
        * (1 + Math.min(1, share(titleHits, facts.words))) ** 2
        * query.phrases.reduce((factor, phrase) => factor * named(phrase, facts), 1)
        * (1 + share(query.pairs.reduce((sum, pair) => sum + nearness(metadata, pair), 0), query.pairs.length)) ** NEAR_POWER
        * (query.pairs.length > 1 && together(metadata, query.words) ? TOGETHER : 1)
        * (1 + foundShare(query.starts, facts.prose)) ** AS_TYPED
        * (1 + foundShare(query.constants, facts.cased)) ** CAPITALS
        * (facts.recap ? RECAP : 1)
        * (facts.exercise ? EXERCISE : 1)
      return { ...result, score }
    }).sort((a, b) => b.score - a.score)
    return sentOn(rescored, query, doc)
  }

  /* The best result may send the reader on, where it says what they asked: a paragraph
     of it that holds every word of the query quotes another section's title («…
     переключите Режим работы на Cron (… см. «Переход на cron Открытых линий»)»). The
     author says the answer is there too: that section scores at least SENT_ON of the
     best, as much as search-worker.js needs to show it beside the best. */
  const SENT_ON = 0.5
  function sentOn(results, query, doc) {
    const [best] = results
    if (!best || query.words.length < 2)
      return results
    const quoted = new Set(doc(best.ref).paragraphs.filter(({ stems }) => query.words.every(word => stems.some(word)))
      .flatMap(({ quoted }) => quoted))
    if (!quoted.size)
      return results
    return results.map(result => (
      result !== best && result.ref.includes("#") && result.score < SENT_ON * best.score
        && quoted.has(doc(result.ref).titleStems.join(" "))
        ? { ...result, score: SENT_ON * best.score }
        : result
    )).sort((a, b) => b.score - a.score)
  }

  return { TITLE_BOOST, rescore }
})()
