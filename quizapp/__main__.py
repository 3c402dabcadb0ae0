"""`python -m quizapp` runs the same CLI as the `quizapp` command."""

from quizapp.cli import main

if __name__ == "__main__":
    main()
