"""Quiz-night widgets, sized for a projector: big text, questions, scores and teams."""
