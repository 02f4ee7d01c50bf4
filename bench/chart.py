"""The benchmark chart: one panel per row, a horizontal bar per contender (matplotlib, Agg)."""

from __future__ import annotations

from pathlib import Path

from bench._common import Row


def write_chart(rows: list[Row], path: Path) -> Path:
    """Draw `rows` into the PNG `path` and return it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(rows), 1, figsize=(8, 1.6 * len(rows) + 0.6), squeeze=False)
    for ax, row in zip(axes[:, 0], rows, strict=True):
        names = ["infisical-kit", *row.others]
        values = [row.ours, *row.others.values()]
        colors = ["#2b6cb0", *["#a0aec0"] * len(row.others)]
        ax.barh(names[::-1], values[::-1], color=colors[::-1])
        for y, v in enumerate(values[::-1]):
            ax.text(v, y, f" {v:.3g}", va="center", fontsize=8)
        ax.set_title(f"({row.section}) {row.what} [{row.unit}], goal {row.goal}", fontsize=9)
        ax.tick_params(labelsize=8)
        ax.margins(x=0.2)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
