"""Quiz-night screens: setup, the host's question screen, scoreboard and podium."""
