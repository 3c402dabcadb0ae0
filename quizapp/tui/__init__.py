"""The Textual TUI: screens over the study, browse and stats services.

Only this package imports Textual. Screens call the services in `quizapp`; widgets only show
what they are given and post messages.
"""
