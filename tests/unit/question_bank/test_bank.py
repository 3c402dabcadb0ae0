"""Storing generated cards: stable ids, idempotent regeneration, changed articles, retirement."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from question_bank.models import AnswerType, Article, QuestionDraft, QuestionKind, Section
from question_bank.store import Bank
from question_bank.store.content import ArticleWriter, list_articles, question_id
from question_bank.store.schema import ArticleRow, LearnerRow, QuestionRow, ReviewLogRow, utcnow
from quizapp.content.generation import generate_files
from tests.support.bank import bank_contents


def test_question_id_depends_on_fact_not_wording() -> None:
    a = question_id("art", "NATO sent 700 troops.", (10, 13), "open")
    assert a == question_id("art", "NATO  sent 700 troops.", (10, 13), "open")
    assert a != question_id("art", "NATO sent 700 troops.", (10, 13), "cloze")
    assert a != question_id("art", "NATO sent 700 troops.", (0, 4), "open")
    assert a != question_id("other", "NATO sent 700 troops.", (10, 13), "open")


def test_generate_stores_article_and_cards(bank: Bank, seed_article: Path) -> None:
    summaries = generate_files(bank, [seed_article])
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary.added == summary.total > 10
    [article] = list_articles(bank)
    assert article.title.startswith("NATO strengthens KFOR")
    assert article.total == summary.total
    with bank.transaction() as session:
        source = session.scalars(select(ArticleRow.source)).one()
    assert source == str(seed_article)


def test_regenerating_same_article_changes_nothing(bank: Bank, seed_article: Path) -> None:
    generate_files(bank, [seed_article])
    before = bank_contents(bank)
    [again] = generate_files(bank, [seed_article])
    assert again.added == 0 and again.updated == 0 and again.retired == 0
    assert bank_contents(bank) == before


def test_changed_article_keeps_history_and_retires_lost_facts(
    bank: Bank, seed_article: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "article.txt"
    text = seed_article.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    [first] = generate_files(bank, [copy])
    # Answer one card whose sentence survives the edit, and one whose sentence is removed.
    kept_sentence = "Jens Stoltenberg"
    removed_paragraph_marker = "Leposavic"
    with bank.transaction() as session:
        learner = LearnerRow(name="ann")
        session.add(learner)
        session.flush()
        questions = session.scalars(select(QuestionRow)).all()
        kept = next(q for q in questions if kept_sentence in q.source_sentence)
        removed = next(q for q in questions if removed_paragraph_marker in q.source_sentence)
        for question in (kept, removed):
            session.add(
                ReviewLogRow(
                    learner_id=learner.id,
                    question_id=question.id,
                    rating=3,
                    reviewed_at=utcnow(),
                )
            )
        kept_id, removed_id = kept.id, removed.id
    # Drop the sentence about Leposavic and add a new one.
    lines = [sentence for sentence in text.split(". ") if removed_paragraph_marker not in sentence]
    changed = ". ".join(lines) + " NATO ministers will meet in Brussels in June."
    copy.write_text(changed, encoding="utf-8")
    [second] = generate_files(bank, [copy])
    assert second.article_id == first.article_id
    assert second.retired > 0
    with bank.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 1
        kept_row = session.get(QuestionRow, kept_id)
        removed_row = session.get(QuestionRow, removed_id)
        assert kept_row is not None and not kept_row.retired
        assert removed_row is not None and removed_row.retired
        logs = session.scalars(select(ReviewLogRow.question_id)).all()
        assert sorted(logs) == sorted([kept_id, removed_id])
    [article] = list_articles(bank)
    assert article.total == second.total
    # Going back to the first version brings the retired cards back, history intact.
    copy.write_text(text, encoding="utf-8")
    generate_files(bank, [copy])
    with bank.transaction() as session:
        restored = session.get(QuestionRow, removed_id)
        assert restored is not None and not restored.retired


def test_same_text_from_another_path_is_the_same_article(
    bank: Bank, seed_article: Path, tmp_path: Path
) -> None:
    other = tmp_path / "copy.txt"
    other.write_bytes(seed_article.read_bytes())
    generate_files(bank, [seed_article])
    [again] = generate_files(bank, [other])
    assert again.added == 0
    assert len(list_articles(bank)) == 1


def test_a_relative_path_is_the_same_article_as_its_absolute_path(
    bank: Bank, seed_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "article.txt"
    copy.write_bytes(seed_article.read_bytes())
    generate_files(bank, [copy])
    copy.write_text(copy.read_text(encoding="utf-8") + "\nNATO ministers met in June.\n")
    monkeypatch.chdir(tmp_path)
    [changed] = generate_files(bank, [Path("article.txt")])
    assert changed.added < changed.total  # an update of the same article, not a new one
    assert len(list_articles(bank)) == 1


def test_a_deleted_card_stays_deleted_when_the_article_is_regenerated(
    bank: Bank, seed_article: Path
) -> None:
    from quizapp.study.browse import delete_question

    [first] = generate_files(bank, [seed_article])
    with bank.transaction() as session:
        victim = session.scalars(select(QuestionRow.id).order_by(QuestionRow.id)).first()
    assert victim is not None
    delete_question(bank, victim)
    [again] = generate_files(bank, [seed_article])
    assert again.added == 0 and again.total == first.total - 1
    with bank.transaction() as session:
        row = session.get(QuestionRow, victim)
        assert row is not None and row.retired
    [article] = list_articles(bank)
    assert article.total == first.total - 1


def test_one_word_edit_keeps_the_surviving_facts_ids_and_history(
    bank: Bank, seed_article: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "article.txt"
    text = seed_article.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    generate_files(bank, [copy])
    with bank.transaction() as session:
        live = session.scalars(select(QuestionRow).where(QuestionRow.retired.is_(False))).all()
        before = {q.id: (q.source_sentence, q.kind, q.answer) for q in live}
        # A question card of the seed: "700" when the card ranker stores one, else the best
        # scored (far above its floor, so that a one-word edit elsewhere keeps it stored).
        asked = [q for q in live if q.kind != "truefalse"]
        best = max(asked, key=lambda q: q.score)
        target = next((q for q in asked if q.answer == "700"), best)
        target_answer = target.answer
        sentence = target.source_sentence
        answers = " ".join(q.answer for q in live if q.source_sentence == sentence)
        learner = LearnerRow(name="ann")
        session.add(learner)
        session.flush()
        session.add(
            ReviewLogRow(
                learner_id=learner.id, question_id=target.id, rating=3, reviewed_at=utcnow()
            )
        )
    # One word of that sentence that no card asks about, replaced by another.
    word = next(w for w in sentence.split() if w.isalpha() and len(w) > 3 and w not in answers)
    edited = sentence.replace(f" {word} ", " rather ", 1)
    assert edited != sentence and edited in text.replace(sentence, edited)
    copy.write_text(text.replace(sentence, edited), encoding="utf-8")
    generate_files(bank, [copy])
    with bank.transaction() as session:
        rows = {q.id: q for q in session.scalars(select(QuestionRow))}
        kept = rows[target.id]
        assert not kept.retired and kept.source_sentence == edited
        assert kept.answer == target_answer
        logs = session.scalars(select(ReviewLogRow.question_id)).all()
        assert logs == [target.id]
        live_after = {q.id for q in rows.values() if not q.retired}
    # Every other sentence's cards are untouched: same ids, still live.
    others = {qid for qid, (s, _, _) in before.items() if s != sentence}
    assert others <= live_after
    # The edited sentence's surviving cards keep their ids; regenerating is idempotent.
    edited_ids = {qid for qid, (s, _, _) in before.items() if s == sentence}
    # (Not "most of them": a one-word edit can move a card across the card ranker's floor —
    # issue 9's closing note.)
    assert edited_ids & live_after
    contents = bank_contents(bank)
    [again] = generate_files(bank, [copy])
    assert again.added == again.updated == again.retired == 0
    assert bank_contents(bank) == contents


def _cloze(sentence: str, answer: str) -> QuestionDraft:
    start = sentence.index(answer)
    return QuestionDraft(
        kind=QuestionKind.CLOZE,
        prompt=sentence.replace(answer, "[...]"),
        answer=answer,
        sentence=sentence,
        answer_span=(start, start + len(answer)),
        section="",
        answer_type=AnswerType.NUMBER,
        score=0.9,
    )


def _article(*sentences: str, version: str) -> Article:
    section = Section(heading="", paragraphs=tuple(sentences))
    return Article(title="Troops", sections=(section,), source="troops.txt", content_hash=version)


def _stored(bank: Bank, article: Article, drafts: list[QuestionDraft]) -> set[str]:
    with bank.transaction() as session:
        writer = ArticleWriter(session, article)
        writer.add(drafts)
        writer.finish()
        rows = session.scalars(select(QuestionRow).where(QuestionRow.retired.is_(False)))
        return {q.id for q in rows}


def test_an_edited_sentence_takes_over_the_ids_of_a_gone_one_never_of_one_still_written(
    bank: Bank,
) -> None:
    # After the edit, the sentence "…soldiers…" is gone and "…Monday nights." still written;
    # the edited "…Monday night." reads like both, and more like the one still written.
    gone = "NATO sent 700 more soldiers to Kosovo after the clashes in the north on Monday night."
    kept = "NATO sent 700 more troops to Kosovo after the clashes in the north on Monday nights."
    edited = "NATO sent 700 more troops to Kosovo after the clashes in the north on Monday night."
    first = _article(kept, gone, version="v1")
    # (The one still written stored first: it is met first, and must not raise the bar.)
    ids = _stored(bank, first, [_cloze(kept, "700"), _cloze(gone, "700")])
    article_id = first.content_hash[:32]
    assert ids == {question_id(article_id, s, (10, 13), "cloze") for s in (gone, kept)}
    second = _article(edited, kept, version="v2")
    # The sentence still written keeps its own id; the gone one hands its id on.
    after = _stored(bank, second, [_cloze(edited, "700"), _cloze(kept, "700")])
    assert after == ids
    # Regenerating the same text again changes nothing (the row moved to the edited sentence).
    assert _stored(bank, second, [_cloze(edited, "700"), _cloze(kept, "700")]) == ids
