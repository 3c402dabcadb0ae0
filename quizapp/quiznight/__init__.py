"""Quiz night: the rules of a classroom quiz (engine) and its record in the bank (store).

Free of Textual: the TUI screens in `quizapp.tui.quiznight` only show this service.
"""
