"""A bar chart of a number per day (reviews done, cards falling due), drawn with plotext."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

from quizapp.study.views import DayCount


class DayChart(PlotextPlot):
    """Bars for a run of days; the x axis shows days relative to today ("-29" .. "0", "+1")."""

    DEFAULT_CSS = """
    DayChart { height: 12; }
    """

    def __init__(self, title: str, color: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart_title = title
        self.color = color

    def show(self, days: Sequence[DayCount], relative_to_today: int) -> None:
        """Draw the bars; `relative_to_today` is the offset of the first day from today."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.chart_title)
        positions: list[float] = [float(i) for i in range(len(days))]
        plt.bar(positions, [day.count for day in days], color=self.color, width=0.6)
        step = max(1, len(days) // 6)
        ticks = positions[::step]
        plt.xticks(ticks, [_offset_label(relative_to_today + int(tick)) for tick in ticks])
        highest = max((day.count for day in days), default=0)
        y_step = max(1, -(-highest // 4))  # whole numbers of cards on the y axis
        y_ticks = [float(tick) for tick in range(0, highest + y_step, y_step)]
        plt.yticks(y_ticks, [str(int(tick)) for tick in y_ticks])
        plt.ylim(0, max(1, y_ticks[-1]))
        self.refresh()


def _offset_label(offset: int) -> str:
    if offset == 0:
        return "today"
    return f"{offset:+d}d"
