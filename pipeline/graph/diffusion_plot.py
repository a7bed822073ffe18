"""The picture of ``policykg diffusion --plot FILE``: an indicator's targets by level.

One panel per (indicator, unit, kind, direction): x the document's issue date (a
document without one is drawn at the panel's right edge, marked "no date"), y the value,
one colour per level (national, provincial, city, district), each point labelled with
its region, and a grey arrow from each ancestor target to the child compared with it.
PNG or SVG by the file's suffix. matplotlib is the optional extra ``policykg[plot]``.

Chinese labels need a CJK font: ``cjk_font()`` asks fontconfig (``fc-list :lang=zh``)
and registers the first one with matplotlib; when there is none the picture is still
written and ``plot`` returns a warning naming what to install (fonts-wqy-microhei).
"""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Optional

from pipeline.errors import InputError
from pipeline.graph.diffusion import LEVELS, TargetInfo
from pipeline.graph.diffusion_read import Diffusion

SUFFIXES = (".png", ".svg")
COLOURS = {"national": "#c0392b", "provincial": "#2471a3", "city": "#229954",
           "district": "#b9770e", None: "#7f8c8d"}
LEVEL_NAMES = {"national": "国家 national", "provincial": "省 provincial", "city": "市 city",
               "district": "区县 district", None: "未知 unknown"}
NO_FONT = ("no Chinese (CJK) font found (`fc-list :lang=zh` lists none): the picture's Chinese "
           "labels will show as boxes; install one, e.g. `apt-get install fonts-wqy-microhei` "
           "(Debian/Ubuntu) or fonts-noto-cjk, and draw again")
MAX_PANELS = 6


def cjk_fonts() -> list[str]:
    """Files of the CJK fonts fontconfig knows (``fc-list :lang=zh file``), sorted."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = {line.split(":")[0].strip() for line in out.splitlines() if line.strip()}
    return sorted(f for f in files if Path(f).is_file())


def cjk_font() -> Optional[str]:
    """The family name of a CJK font registered with matplotlib, or None when there is none."""
    from matplotlib import font_manager

    for path in cjk_fonts():
        try:
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
    return None


def _import_pyplot():
    try:
        import matplotlib
    except ImportError:
        raise InputError("--plot needs matplotlib, which is not installed",
                         hint="pip install 'policykg[plot]' (or pip install matplotlib)") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _day(text: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _panels(d: Diffusion) -> list[tuple[tuple, list[TargetInfo]]]:
    groups: dict[tuple, list[TargetInfo]] = {}
    for t in d.targets:
        if t.value is not None:
            groups.setdefault((t.indicator, t.unit, t.kind, t.direction), []).append(t)
    # panels holding compared pairs first, then the fullest
    paired = {(p.indicator, p.unit, p.kind, p.direction) for p in d.pairs}
    order = sorted(groups, key=lambda k: (k not in paired, -len(groups[k]), k[0], k[1], k[2], k[3] or ""))
    return [(k, groups[k]) for k in order[:MAX_PANELS]]


def _title(key: tuple) -> str:
    indicator, unit, kind, direction = key
    what = {"down": "decrease", "up": "increase"}.get(direction or "", "") if kind == "change" else "level"
    return f"{indicator} ({unit}, {what or kind})"


def plot(d: Diffusion, path: Path) -> list[str]:
    """Draw ``d`` into ``path`` (.png or .svg); the warnings to print (no CJK font)."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"cannot draw into {path.name}: give a file ending in .png or .svg")
    plt = _import_pyplot()
    warnings: list[str] = []
    family = cjk_font()
    if family:
        plt.rcParams["font.family"] = [family, "DejaVu Sans"]
    else:
        warnings.append(NO_FONT)
    plt.rcParams["axes.unicode_minus"] = False
    panels = _panels(d)
    fig, axes = plt.subplots(max(1, len(panels)), 1, figsize=(9, 3.6 * max(1, len(panels))),
                             squeeze=False)
    for ax, (key, targets) in zip(axes[:, 0], panels):
        _draw_panel(ax, key, targets, d)
    if not panels:
        axes[0, 0].text(0.5, 0.5, f"no values for {d.indicator}", ha="center", va="center")
        axes[0, 0].set_axis_off()
    fig.tight_layout()
    try:
        fig.savefig(path, format=path.suffix.lower()[1:], dpi=120)
    except OSError as exc:
        raise InputError(f"cannot write the picture: {exc.strerror or exc}", path=str(path),
                         hint="give a file in a folder you can write to") from None
    finally:
        plt.close(fig)
    return warnings


def _draw_panel(ax, key: tuple, targets: list[TargetInfo], d: Diffusion) -> None:
    import matplotlib.dates as mdates

    days = [x for x in (_day(d.documents[t.document].date) for t in targets) if x]
    undated = max(days) if days else date(2000, 1, 1)
    undated = date(undated.year + 1, undated.month, 1) if days else undated
    where: dict[str, tuple[date, float]] = {}
    seen_levels = []
    for t in sorted(targets, key=lambda t: (LEVELS.index(d.documents[t.document].level)
                                            if d.documents[t.document].level in LEVELS else 9, t.id)):
        doc = d.documents[t.document]
        x = _day(doc.date) or undated
        where[t.id] = (x, t.value)
        level = doc.level if doc.level in LEVELS else None
        first = level not in seen_levels
        seen_levels.append(level)
        ax.scatter([x], [t.value], color=COLOURS[level], s=40, zorder=3,
                   label=LEVEL_NAMES[level] if first else None)
        year = f" {t.year}" if t.year else ""
        ax.annotate(f"{doc.region or doc.title[:8]}{year}", (x, t.value), textcoords="offset points",
                    xytext=(5, 4), fontsize=8)
    for p in d.pairs:
        if (p.indicator, p.unit, p.kind, p.direction) != key:
            continue
        a, c = where.get(p.ancestorTargetId), where.get(p.childTargetId)
        if a and c:
            ax.annotate("", xy=c, xytext=a, arrowprops={"arrowstyle": "->", "color": "#999999",
                                                        "lw": 0.8}, zorder=1)
    if any(_day(d.documents[t.document].date) is None for t in targets):
        ax.axvline(undated, color="#cccccc", lw=0.6, ls="--")
        ax.text(undated, ax.get_ylim()[1], " no date", fontsize=7, va="top", color="#888888")
    ax.set_title(_title(key), fontsize=10)
    ax.set_xlabel("issue date 发布日期")
    ax.set_ylabel(key[1])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.legend(fontsize=8, loc="best")
    ax.grid(True, alpha=0.3)

