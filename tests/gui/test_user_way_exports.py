"""Issue 15 item 3: chart exports (PNG and SVG) match the screen, driven through the menu actions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog

from allocator.gui import messages

pytestmark = pytest.mark.gui


TABS = {"bars": 0, "breakdown": 1, "correlation": 2}


def _gray(img: QImage, w: int, h: int) -> np.ndarray:
    g = img.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    g = g.convertToFormat(QImage.Format.Format_Grayscale8)
    return np.frombuffer(g.constBits(), dtype=np.uint8).reshape(h, g.bytesPerLine())[:, :w].astype(int)


def mismatch(a: QImage, b: QImage, w: int, h: int) -> float:
    """Share of pixels (at w x h) whose grey levels differ by more than 48 of 255."""
    return float(np.mean(np.abs(_gray(a, w, h) - _gray(b, w, h)) > 48))


def svg_image(path: Path, size) -> QImage:
    from PySide6.QtSvg import QSvgRenderer

    r = QSvgRenderer(str(path))
    assert r.isValid(), path.read_text()[:300]
    img = QImage(size, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    r.render(p)
    p.end()
    return img


def _export_through_menu(win, monkeypatch, qtbot, which: str, path: Path) -> bool:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    if which == "frontier":
        win.act_export_plot.trigger()
    else:
        win.tabs.setCurrentIndex(TABS[which])
        qtbot.wait(5)
        win.act_export_tab.trigger()
    return path.exists()


def _bar_box(img: QImage, colour: str, tol: int = 12):
    """Bounding box (fractions of the image) of the pixels of one bar colour."""
    a = img.convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(a.constBits(), dtype=np.uint8).reshape(a.height(), a.bytesPerLine() // 4, 4)[:, : a.width(), :3]
    c = QColor(colour)
    want = np.array([c.blue(), c.green(), c.red()])
    ys, xs = np.nonzero(np.all(np.abs(arr.astype(int) - want) <= tol, axis=2))
    assert len(xs) > 20, f"no {colour} bar found"
    return xs.min() / a.width(), ys.min() / a.height(), xs.max() / a.width(), ys.max() / a.height()


@pytest.mark.parametrize("which", ["frontier", "bars", "breakdown", "correlation"])
def test_svg_export_renders_back_like_the_png_and_the_screen(make_window, monkeypatch, qtbot, tmp_path, which):
    win = make_window()
    win.resize(1440, 900)
    qtbot.wait(20)
    assert _export_through_menu(win, monkeypatch, qtbot, which, tmp_path / f"{which}.png")
    assert _export_through_menu(win, monkeypatch, qtbot, which, tmp_path / f"{which}.svg")
    assert not [m for m in messages.bus.history if m.level is messages.Level.ERROR]
    png = QImage(str(tmp_path / f"{which}.png"))
    assert png.width() >= 1200
    svg_text = (tmp_path / f"{which}.svg").read_text(encoding="utf-8")
    assert "Supported signatures" not in svg_text
    if which != "correlation":  # the heat map itself is an image; nothing else may be (the "A" button was)
        assert "<image" not in svg_text
    svg = svg_image(tmp_path / f"{which}.svg", png.size())
    w, h = png.width() // 4, png.height() // 4
    assert mismatch(png, svg, w, h) < 0.06
    # the chart part of the PNG is the screen, enlarged
    export = win._chart_export(which)
    screen = export.view.grab().toImage()
    s = png.width() / export.size().width()
    r = export.chart_rect
    chart = png.copy(int(r.x() * s), int(r.y() * s), int(r.width() * s), int(r.height() * s))
    assert mismatch(chart, screen, screen.width() // 2, screen.height() // 2) < 0.05
    win.undo.setClean()


def test_bars_land_at_the_same_place_in_svg_png_and_screen(make_window, monkeypatch, qtbot, tmp_path):
    win = make_window()
    qtbot.wait(20)
    assert _export_through_menu(win, monkeypatch, qtbot, "bars", tmp_path / "bars.png")
    assert _export_through_menu(win, monkeypatch, qtbot, "bars", tmp_path / "bars.svg")
    png = QImage(str(tmp_path / "bars.png"))
    svg = svg_image(tmp_path / "bars.svg", png.size())
    colour = win._colours[win.allocation_run.universe.assets[0].theme]
    if not any(a.theme == win.allocation_run.universe.assets[0].theme and w > 0.01
               for a in win.allocation_run.universe.assets for t, w in [(a.ticker, win.allocation.weights.get(a.ticker, 0))]):
        pytest.skip("the first theme holds nothing in this allocation")
    box_png, box_svg = _bar_box(png, colour), _bar_box(svg, colour)
    assert np.allclose(box_png, box_svg, atol=0.01), (box_png, box_svg)
    export = win._chart_export("bars")
    screen = export.view.grab().toImage()
    box_screen = _bar_box(screen, colour)
    r, size = export.chart_rect, export.size()
    # screen box -> fractions of the whole export (chart placed under the title)
    to_export = (
        (r.x() + box_screen[0] * r.width()) / size.width(),
        (r.y() + box_screen[1] * r.height()) / size.height(),
        (r.x() + box_screen[2] * r.width()) / size.width(),
        (r.y() + box_screen[3] * r.height()) / size.height(),
    )
    assert np.allclose(box_png, to_export, atol=0.01), (box_png, to_export)
    win.undo.setClean()


def test_png_export_has_a_title_and_says_simulated_sample(make_window, monkeypatch, qtbot, tmp_path):
    win = make_window()
    qtbot.wait(20)
    export = win._chart_export("frontier")
    assert "simulated sample" in export.source
    assert export.title.startswith("Efficient frontier")
    assert _export_through_menu(win, monkeypatch, qtbot, "frontier", tmp_path / "f.png")
    png = QImage(str(tmp_path / "f.png"))
    s = png.width() / export.size().width()
    # ink in the title band and in the source line (the chart alone has neither)
    top = _gray(png.copy(0, 0, png.width(), int(export.title_height * s)), png.width() // 2, int(export.title_height * s) // 2)
    bottom_y = int(export.chart_rect.bottom() * s)
    bottom = png.copy(0, bottom_y, png.width(), png.height() - bottom_y)
    bottom_g = _gray(bottom, bottom.width() // 2, max(bottom.height() // 2, 1))
    assert (top < 128).mean() > 0.01
    assert (bottom_g < 128).mean() > 0.005
    win.undo.setClean()


def test_legend_in_the_png_scales_with_the_axes(make_window, monkeypatch, qtbot, tmp_path):
    """At 1200 px the legend keeps its share of the chart's width (ImageExporter left it at screen size)."""
    win = make_window()
    qtbot.wait(20)
    assert _export_through_menu(win, monkeypatch, qtbot, "frontier", tmp_path / "f.png")
    export = win._chart_export("frontier")
    legend = win.frontier.legend
    share_screen = legend.sceneBoundingRect().width() / win.frontier.width()
    png = QImage(str(tmp_path / "f.png"))
    s = png.width() / export.size().width()
    # the legend's frame: the row of the legend's top edge, inked over its width
    r = legend.sceneBoundingRect()
    y = int((export.chart_rect.y() + r.y()) * s) + 1
    row = _gray(png.copy(0, y, png.width(), 1), png.width(), 1)[0]
    dark = np.nonzero(row < 200)[0]
    assert len(dark), "no legend frame found"
    share_png = (dark.max() - dark.min()) / png.width()
    assert abs(share_png - share_screen) < 0.03, (share_png, share_screen)
    win.undo.setClean()


def test_failed_export_leaves_no_file(make_window, monkeypatch, qtbot, tmp_path):
    win = make_window()
    qtbot.wait(20)
    from allocator.gui import plot_export

    def boom(self, painter, scale=1.0):
        raise OSError("disk full")

    monkeypatch.setattr(plot_export.ChartExport, "paint", boom)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out / "c.svg"), "")))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.open", lambda self: None)
    win.tabs.setCurrentIndex(2)
    win.act_export_tab.trigger()
    assert list(out.iterdir()) == []
    errors = [m for m in messages.bus.history if m.level is messages.Level.ERROR]
    assert errors and "disk full" in errors[-1].text and "signature" not in errors[-1].text
    win.undo.setClean()
