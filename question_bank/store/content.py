"""Write generated questions into a bank and read summaries back.

Identity rules (DESIGN.md, "The bank"):
- an article's id is the content hash of its first version; a later version read from the same
  source keeps that id, so its questions keep their history;
- a question's id comes from (article id, source sentence, answer span, form), not from the
  wording; regenerating rewords cards in place;
- a question whose fact is gone from a changed article is retired, never deleted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from question_bank.models import Article, QuestionDraft, QuestionId
from question_bank.store.engine import Bank
from question_bank.store.schema import ArticleRow, QuestionRow, utcnow

# Tag of a question a person deleted: kept retired as a tombstone so regeneration skips it.
DELETED_TAG = "deleted"
# A card a person wrote by hand: no fact of the generator stands behind it, so regenerating
# its article must not retire it.
MANUAL_TAG = "manual"


def question_id(
    article_id: str, sentence: str, answer_span: tuple[int, int], kind: str
) -> QuestionId:
    """The stable id of a card: a hash of what the card is about, never of its wording."""
    key = "\x1f".join(
        [article_id, " ".join(sentence.split()), str(answer_span[0]), str(answer_span[1]), kind]
    )
    return QuestionId(hashlib.sha256(key.encode("utf-8")).hexdigest()[:24])


@dataclass
class GenerationSummary:
    """What one article's generation did to the bank."""

    article_id: str
    title: str
    by_kind: Counter[str] = field(default_factory=Counter)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


@dataclass(frozen=True)
class ArticleSummary:
    """An article in the bank with its active card counts by kind."""

    id: str
    title: str
    source: str
    by_kind: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def find_article_row(session: Session, article: Article) -> ArticleRow | None:
    """The bank's row for this article: same content first, else same source (a new version)."""
    row = session.scalars(
        select(ArticleRow).where(ArticleRow.content_hash == article.content_hash).limit(1)
    ).first()
    if row is None:
        row = session.scalars(
            select(ArticleRow)
            .where(ArticleRow.source == article.source)
            .order_by(ArticleRow.updated_at.desc())
            .limit(1)
        ).first()
    return row


def store_article(
    session: Session, article: Article, drafts: Sequence[QuestionDraft]
) -> GenerationSummary:
    """Insert or update an article and its cards in the caller's transaction."""
    writer = ArticleWriter(session, article)
    writer.add(drafts)
    return writer.finish()


# Questions looked up (and flushed) per round trip while an article's drafts are stored.
WRITE_CHUNK = 500
# How alike (rapidfuzz ratio, 0-100) an edited sentence must be to the old one for its facts to
# keep their ids: a one-word edit of a 15-word sentence scores about 90, another sentence < 60.
ALIGN_SIMILARITY = 80


def normalised_text(article: Article) -> str:
    """`" ".join(article.text.split())`, made piece by piece (headings, paragraphs: no word
    crosses the blank lines between them) rather than from one list of every word of the
    article (a 20 MB article's 3 million strings are ~200 MB; memory)."""
    pieces: list[str] = []
    for section in article.sections:
        for piece in (section.heading, *section.paragraphs):  # an empty heading gives ""
            normal = " ".join(piece.split())
            if normal:
                pieces.append(normal)
    return " ".join(pieces)


class ArticleWriter:
    """Store one article's drafts batch after batch, in the caller's transaction.

    `store_article` in parts: `add()` each batch as the generator yields it, then `finish()`
    retires the questions no batch produced. Only the ids of the article's questions stay in
    memory between batches (the session is flushed and emptied after each), so storing a huge
    article takes no more memory than storing a small one.
    """

    def __init__(self, session: Session, article: Article) -> None:
        self.session = session
        self.now = utcnow()
        row = find_article_row(session, article)
        if row is None:
            row = ArticleRow(
                id=article.content_hash[:32],
                title=article.title,
                source=article.source,
                text=article.text,
                content_hash=article.content_hash,
                imported_at=self.now,
                updated_at=self.now,
            )
            session.add(row)
        elif row.content_hash != article.content_hash or row.title != article.title:
            row.title, row.text, row.content_hash = (
                article.title,
                article.text,
                article.content_hash,
            )
            row.source, row.updated_at = article.source, self.now
        self.article_id = row.id
        self.summary = GenerationSummary(article_id=row.id, title=article.title)
        session.flush()
        # id -> retired, for every question the article already has.
        ids = select(QuestionRow.id, QuestionRow.retired, QuestionRow.tags).where(
            QuestionRow.article_id == row.id
        )
        self.existing: dict[str, bool] = {}
        self.manual: set[str] = set()  # written by hand: never retired by a regeneration
        for qid, retired, tags in session.execute(ids):
            self.existing[qid] = bool(retired)
            if MANUAL_TAG in (tags or ()):
                self.manual.add(qid)
        self.seen: set[str] = set()
        self.position = 0
        # An edited article: its old questions by (kind, answer), for aligning edited sentences.
        self.article = article
        self.text: str | None = None  # normalised on first need: only an edited article's
        self.old: dict[tuple[str, str], list[tuple[QuestionId, str]]] | None = None
        self.claimed: set[str] = set()
        self.in_text: dict[str, bool] = {}

    def add(self, drafts: Sequence[QuestionDraft]) -> None:
        """Store a batch of drafts (the article's next ones, in reading order)."""
        for start in range(0, len(drafts), WRITE_CHUNK):
            self._add_chunk(drafts[start : start + WRITE_CHUNK])
        self.session.flush()
        self.session.expunge_all()

    def _add_chunk(self, drafts: Sequence[QuestionDraft]) -> None:
        session, summary, now = self.session, self.summary, self.now
        numbered: list[tuple[QuestionId, QuestionDraft, int]] = []
        for draft in drafts:
            qid = question_id(self.article_id, draft.sentence, draft.answer_span, draft.kind.value)
            if qid not in self.existing:
                qid = self._aligned(qid, draft)
            position = self.position
            self.position += 1
            if qid in self.seen:
                continue
            self.seen.add(qid)
            numbered.append((qid, draft, position))
        wanted = [qid for qid, _, _ in numbered if qid in self.existing]
        rows = (
            {
                q.id: q
                for q in session.scalars(select(QuestionRow).where(QuestionRow.id.in_(wanted)))
            }
            if wanted
            else {}
        )
        for qid, draft, position in numbered:
            question = rows.get(qid)
            if question is not None and DELETED_TAG in question.tags:
                continue  # a person deleted this card: regenerating must not bring it back
            summary.by_kind[draft.kind.value] += 1
            values = _draft_values(draft, position)
            if question is None:
                session.add(
                    QuestionRow(
                        id=qid, article_id=self.article_id, created_at=now, updated_at=now, **values
                    )
                )
                summary.added += 1
                continue
            if question.edited:
                # A person's edit wins over the generator's wording; keep the card live.
                values = {
                    k: v
                    for k, v in values.items()
                    if k not in ("prompt", "answer", "accepted_answers")
                }
            changed = {k: v for k, v in values.items() if getattr(question, k) != v}
            if question.retired:
                changed["retired"] = False
            if changed:
                for key, value in changed.items():
                    setattr(question, key, value)
                question.updated_at = now
                summary.updated += 1
            else:
                summary.unchanged += 1
        session.flush()

    def _aligned(self, qid: QuestionId, draft: QuestionDraft) -> QuestionId:
        """The id of the same fact in an edited sentence: an old question of this article with
        the same form and answer whose sentence is gone from the text and reads like this one
        ("…700 more troops…" edited to "…700 extra troops…"). Else the new id."""
        if self.old is None:
            self.old = {}
            rows = self.session.execute(
                select(
                    QuestionRow.id,
                    QuestionRow.kind,
                    QuestionRow.answer,
                    QuestionRow.source_sentence,
                ).where(QuestionRow.article_id == self.article_id)
            )
            for old_id, kind, answer, sentence in rows:
                self.old.setdefault((kind, answer), []).append((old_id, " ".join(sentence.split())))
        sentence = " ".join(draft.sentence.split())
        best, best_score = qid, float(ALIGN_SIMILARITY)
        for old_id, old_sentence in self.old.get((draft.kind.value, draft.answer), []):
            if old_id in self.claimed or old_id in self.seen:
                continue
            similarity = fuzz.ratio(old_sentence, sentence)
            if similarity < best_score:
                continue  # not the best whether gone or not: skip the search of the text
            # A sentence still in the text keeps its own facts; only a gone one hands them on
            # (or the row already moved to this very sentence on an earlier run). Searched only
            # for a sentence alike enough to take over (the text may be megabytes: speed).
            if old_sentence != sentence and self._in_text(old_sentence):
                continue
            best, best_score = old_id, similarity
        if best != qid:
            self.claimed.add(best)
        return best

    def _in_text(self, sentence: str) -> bool:
        """The (normalised) sentence is still written in the article's text; asked once each."""
        found = self.in_text.get(sentence)
        if found is None:
            if self.text is None:
                self.text = normalised_text(self.article)
            found = self.in_text[sentence] = sentence in self.text
        return found

    def finish(self) -> GenerationSummary:
        """Retire the article's live questions that no batch produced; the article's summary."""
        gone = [
            qid
            for qid, retired in self.existing.items()
            if not retired and qid not in self.seen and qid not in self.manual
        ]
        for start in range(0, len(gone), WRITE_CHUNK):
            self.session.execute(
                update(QuestionRow)
                .where(QuestionRow.id.in_(gone[start : start + WRITE_CHUNK]))
                .values(retired=True, updated_at=self.now)
            )
        self.summary.retired += len(gone)
        return self.summary


def _draft_values(draft: QuestionDraft, position: int) -> dict[str, object]:
    return {
        "kind": draft.kind.value,
        "prompt": draft.prompt,
        "answer": draft.answer,
        "accepted_answers": list(draft.accepted_answers),
        "choices": list(draft.choices),
        "source_sentence": draft.sentence,
        "section": draft.section,
        "answer_type": draft.answer_type.value,
        "score": round(draft.score, 4),
        "tags": list(draft.tags),
        "position": position,
        "retired": False,
    }


def list_articles(bank: Bank) -> list[ArticleSummary]:
    """Every article with its count of active (not retired) cards by kind, oldest first.

    Two lean reads (titles and sources; counts by article and kind from the questions' article
    index), not the articles' rows: those carry each article's whole text.
    """
    with bank.transaction() as session:
        articles = session.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.source).order_by(
                ArticleRow.imported_at
            )
        ).all()
        counts = session.execute(
            select(QuestionRow.article_id, QuestionRow.kind, func.count())
            .where(QuestionRow.retired.is_(False))
            .group_by(QuestionRow.article_id, QuestionRow.kind)
        ).all()
    by_article: dict[str, dict[str, int]] = {}
    for article_id, kind, count in counts:
        by_article.setdefault(article_id, {})[kind] = count
    return [
        ArticleSummary(id=a.id, title=a.title, source=a.source, by_kind=by_article.get(a.id, {}))
        for a in articles
    ]


def known_answers(session: Session) -> dict[str, list[str]]:
    """Answers already in the bank, by answer type: distractor material for new articles."""
    rows = session.execute(
        select(QuestionRow.answer_type, QuestionRow.answer)
        .where(QuestionRow.retired.is_(False), QuestionRow.kind.in_(("open", "cloze", "choice")))
        .distinct()
    ).all()
    answers: dict[str, list[str]] = {}
    for answer_type, answer in rows:
        answers.setdefault(answer_type, []).append(answer)
    return answers
