"""The quiz-night host console: its screens and widgets, over `quizapp.quiznight`."""
