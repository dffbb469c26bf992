"""What the theme's browser search finds in a built index, without a browser, and which pages a
reader would say use a Chinese word.

``Client`` follows Material's search worker (9.8; integrations/search in its source map): the
query's Chinese runs are cut by ``segment`` into pieces that are words of the index (the
function below is a port of query/segment/index.ts, quirks included: it never tries a piece
that reaches the end of the query, and keeps the whole query when no piece is a word), each
piece becomes an optional clause with a trailing wildcard, and lunr's stop-word filters drop
stop words from the index and from the query. A page is found when one clause is the
beginning of one of its indexed words, in any field the index config names. Measured against
the worker itself (run under Node) on 586 Chinese queries and two indexes: same pages for every
query.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from scripts.data.glossary import lunr_stop_words

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# lunr's English stop words (the multi-language pipeline filters both lists).
ENGLISH_STOP_WORDS = (
    "a able about across after all almost also am among an and any are as at be because been "
    "but by can cannot could dear did do does either else ever every for from get got had "
    "has have he her hers him his how however i if in into is it its just least let like "
    "likely may me might most must my neither no nor not of off often on only or other our "
    "own rather said say says she should since so some than that the their them then there "
    "these they this tis to too twas us wants was we were what when where which while who "
    "whom why will with would yet you your"
)
ENGLISH_STOP = frozenset(ENGLISH_STOP_WORDS.split())


def segment(query: str, vocabulary: set[str] | dict) -> list[str]:
    """Port of the worker's ``segment(query, index.invertedIndex)``."""
    n = len(query)
    cuts = [0] * n
    for i in range(n):
        for j in range(i + 1, n):
            if query[i:j] in vocabulary:
                cuts[i] = j - i
    pieces: list[str] = []
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                pieces.append(query[p : p + q])
                stack.append(p + q)
        q = p + cuts[p]
        if q < n - 1 and cuts[q]:
            stack.append(q)
        pieces.append(query[p:q])
    return [query] if "" in pieces else list(dict.fromkeys(pieces))


class Client:
    """The pages (locations without anchors) the theme's search returns for a query."""

    def __init__(self, index: dict) -> None:
        self.separator = re.compile(index["config"]["separator"])
        self.stop = lunr_stop_words() | ENGLISH_STOP
        fields = list(index["config"]["fields"])
        self.pages: dict[str, set[str]] = {}
        for doc in index["docs"]:
            words = {
                word.lower()
                for field in fields
                for word in self.separator.split(str(doc.get(field) or ""))
                if word
            }
            self.pages.setdefault(doc["location"].split("#")[0], set()).update(words - self.stop)
        self.vocabulary = set().union(*self.pages.values())
        self.sorted = sorted(self.vocabulary)
        self.where: dict[str, set[str]] = {}
        for page, words in self.pages.items():
            for word in words:
                self.where.setdefault(word, set()).add(page)

    def clauses(self, query: str) -> list[str]:
        pieces = re.sub(
            r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+",
            lambda m: " ".join(segment(m.group(0), self.vocabulary)),
            query,
        )
        return [w.lower() for w in self.separator.split(pieces) if w and w.lower() not in self.stop]

    def search(self, query: str) -> set[str]:
        found: set[str] = set()
        for clause in self.clauses(query):
            at = bisect.bisect_left(self.sorted, clause)
            while at < len(self.sorted) and self.sorted[at].startswith(clause):
                found |= self.where[self.sorted[at]]
                at += 1
        return found


def uses(segmented: str, word: str) -> bool:
    """Whether a Chinese ``word`` occurs in the index text ``segmented`` (jieba's words joined by
    \\u200b) where a reader sees it: as whole words (自|监督 for 自监督) or inside one word
    (图神经网络 for 神经网络), not cut out of two (之后|继续 is no use of 后继)."""
    if word not in _flat(segmented):
        return False
    flat, cut, word_of = _word_bounds(segmented)
    for match in re.finditer(re.escape(word), flat):
        s, e = match.start(), match.end()
        if (cut[s] and cut[e]) or word_of[s] == word_of[e - 1]:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _flat(segmented: str) -> str:
    return segmented.replace("\u200b", "")


@functools.lru_cache(maxsize=4096)
def _word_bounds(segmented: str) -> tuple[str, list[bool], list[int]]:
    """The text without separators, where a word may start (``cut``), and which word each
    character belongs to. Cached: the recall test asks about hundreds of words per page."""
    flat, starts = "", set()  # starts: positions where a word begins
    for i, part in enumerate(segmented.split("\u200b")):
        if i:
            starts.add(len(flat))
        flat += part
    cut = [
        i in starts or i in (0, len(flat)) or not (HAN.match(flat[i - 1]) and HAN.match(flat[i]))
        for i in range(len(flat) + 1)
    ]
    word_of = []
    count = 0
    for i in range(len(flat)):
        count += cut[i]
        word_of.append(count)
    return flat, cut, word_of


def pages_using(index: dict, word: str) -> set[str]:
    """Pages (locations without anchors) whose title or text uses ``word`` (see ``uses``)."""
    return {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if uses(doc["title"], word) or uses(doc["text"], word)
    }


def missed(index: dict, words: Iterable[str]) -> dict[str, list[str]]:
    """For each word that some page uses: the pages using it that a search for it misses."""
    client = Client(index)
    result = {}
    for word in words:
        missing = pages_using(index, word) - client.search(word)
        if missing:
            result[word] = sorted(missing)
    return result
