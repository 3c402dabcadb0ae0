"""quizapp: learn any article by heart, in the terminal.

The application half: the CLI, scheduling, study sessions, exports, quiz nights and the Textual
TUI. Only `quizapp.tui` imports Textual.
"""

__version__ = "0.1.0"
