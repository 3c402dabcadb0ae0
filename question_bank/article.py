"""Kept for imports written before `question_bank.readers` (other branches in flight).

New code imports from `question_bank.readers`; this module goes once no caller is left.
"""

from question_bank.readers import parse_article, read_article, read_paths, split_glued_heading

__all__ = ["parse_article", "read_article", "read_paths", "split_glued_heading"]
