"""Export a chart as PNG or SVG exactly as it is on screen, with a title and the data source.

Both formats are painted by one function (:func:`paint_chart`): a title line,
the chart's graphics scene (the part the view shows, in pyqtgraph's export
mode so scatter symbols are drawn as paths, not cached pixmaps) and a footer
naming where the prices come from ("simulated sample" when they are).  The
PNG is the same drawing at a device-pixel ratio that makes it at least 1200 px
wide, so the legend, the axes, the symbols and the labels keep the proportions
they have on screen (pyqtgraph's ImageExporter left the legend at screen size); the SVG is the drawing
at screen size.  Painting the widget into a ``QSvgGenerator`` (the former way)
put the axes, the grid and the text items off the data and embedded
pyqtgraph's auto-range "A" button.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QGraphicsView

MIN_PNG_WIDTH = 1200


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlotExport", text)


class ChartExport:
    """What to draw: the view, its title and the data-source line."""

    def __init__(self, view: QGraphicsView, title: str, source: str, background: QColor, foreground: QColor):
        self.view = view
        self.title = title
        self.source = source
        self.background = QColor(background)
        self.foreground = QColor(foreground)
        base = QFont(view.font())
        self.title_font = QFont(base)
        self.title_font.setPointSizeF(base.pointSizeF() * 1.3)
        self.title_font.setBold(True)
        self.source_font = QFont(base)
        self.source_font.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        self.pad = 8.0
        self.dpi = int(round(view.logicalDpiX())) or 96

    # geometry (logical pixels, as on screen) --------------------------------------
    def _line(self, font: QFont) -> float:
        img = QImage(1, 1, QImage.Format.Format_ARGB32)
        _set_dpi(img, self.dpi)
        return QFontMetricsF(font, img).height()

    @property
    def title_height(self) -> float:
        return self._line(self.title_font) + 2 * self.pad if self.title else 0.0

    @property
    def source_height(self) -> float:
        return self._line(self.source_font) + 2 * self.pad if self.source else 0.0

    @property
    def chart_rect(self) -> QRectF:
        """Where the chart lands in the exported picture (logical pixels)."""
        return QRectF(0.0, self.title_height, float(self.view.width()), float(self.view.height()))

    def size(self) -> QSize:
        return QSize(self.view.width(), int(round(self.title_height + self.view.height() + self.source_height)))

    # painting ------------------------------------------------------------------
    def paint(self, painter: QPainter, scale: float = 1.0) -> None:
        """Draw at logical size; ``scale`` is the device-pixel ratio of the target (PNG zoom)."""
        s = self.size()
        painter.fillRect(QRectF(0, 0, s.width(), s.height()), self.background)
        painter.setPen(self.foreground)
        if self.title:
            painter.setFont(self.title_font)
            width = s.width() - 2 * self.pad
            title = painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, int(width))
            painter.drawText(
                QRectF(self.pad, 0, width, self.title_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title,
            )
        target = self.chart_rect
        view = self.view
        source = view.mapToScene(view.viewport().rect()).boundingRect()
        with _export_mode(view, painter, scale):
            view.scene().render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        if self.source:
            painter.setPen(self.foreground)
            painter.setFont(self.source_font)
            width = s.width() - 2 * self.pad
            source = painter.fontMetrics().elidedText(self.source, Qt.TextElideMode.ElideMiddle, int(width))
            painter.drawText(
                QRectF(self.pad, target.bottom(), width, self.source_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                source,
            )

    def png(self, min_width: int = MIN_PNG_WIDTH) -> QImage:
        """The drawing at a device-pixel ratio that makes it ``min_width`` px wide or more: every
        part (text, pens, symbols, legend) grows by the same factor, as on a high-DPI screen."""
        s = self.size()
        scale = max(1.0, min_width / max(s.width(), 1))
        img = QImage(int(round(s.width() * scale)), int(round(s.height() * scale)), QImage.Format.Format_ARGB32)
        _set_dpi(img, self.dpi)
        img.setDevicePixelRatio(scale)
        img.fill(self.background)
        p = QPainter(img)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self.paint(p, scale)
        finally:
            p.end()
        img.setDevicePixelRatio(1.0)
        _set_dpi(img, self.dpi)
        return img

    def save(self, path: str) -> None:
        """Write ``path`` (.svg or anything else as PNG) atomically: a failure leaves no file
        and any previous file unchanged (``allocator.atomic.write_atomic``, as every save)."""
        from allocator.atomic import write_atomic

        data = self.svg_bytes() if Path(path).suffix.lower() == ".svg" else self.png_bytes()
        if not data:
            raise OSError(_tr("nothing was written"))
        write_atomic(Path(path), data)

    def png_bytes(self) -> bytes:
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self.png().save(buf, "PNG"):
            raise OSError(_tr("the image could not be written"))
        return bytes(buf.data())

    def svg_bytes(self) -> bytes:
        from PySide6.QtSvg import QSvgGenerator

        s = self.size()
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        gen = QSvgGenerator()
        gen.setOutputDevice(buf)
        gen.setSize(s)
        gen.setViewBox(QRect(0, 0, s.width(), s.height()))
        gen.setResolution(self.dpi)
        gen.setTitle(self.title)
        gen.setDescription(self.source)
        p = QPainter()
        if not p.begin(gen):
            raise OSError(_tr("the SVG file could not be written"))
        try:
            self.paint(p)
        finally:
            p.end()
        return _name_resolved_fonts(bytes(buf.data()).decode("utf-8"), self.view.font()).encode("utf-8")


def _name_resolved_fonts(svg: str, font: QFont) -> str:
    """Name the family Qt actually drew with, alone, in the SVG's text.

    Qt writes a font's family list as given ("Sans Serif,Allocator JP"): Qt's own
    SVG renderer does not read lists and fell back to another face (wider text,
    labels over the axes).  The resolved family is the one on screen.
    """
    from PySide6.QtGui import QFontInfo

    resolved = QFontInfo(font).family()
    listed = ",".join(font.families()) or font.family()
    return svg.replace(f'font-family="{listed}"', f'font-family="{resolved}"')


def _set_dpi(img: QImage, dpi: int) -> None:
    dpm = int(round(dpi / 0.0254))
    img.setDotsPerMeterX(dpm)
    img.setDotsPerMeterY(dpm)


@contextmanager
def _export_mode(view: QGraphicsView, painter: QPainter, scale: float = 1.0):
    """pyqtgraph's export mode for every item (symbols drawn as paths), buttons hidden, and
    the curves' pens widened by ``scale`` (the device-pixel ratio of a zoomed PNG)."""
    import pyqtgraph as pg

    scene = view.scene()
    items = [i for i in scene.items()]
    hidden = [i for i in items if isinstance(i, pg.ButtonItem) and i.isVisible()]
    for b in hidden:
        b.hide()
    # Cosmetic pens keep their width in device pixels: widen the curves' for a zoomed PNG.
    curves = [(i, i.opts["pen"]) for i in items if isinstance(i, pg.PlotCurveItem)] if scale != 1.0 else []
    for c, pen in curves:
        wide = pg.QtGui.QPen(pen)
        wide.setWidthF(max(pen.widthF(), 1.0) * scale)
        c.opts["pen"] = wide
    opts = {"antialias": True, "background": view.backgroundBrush().color(), "painter": painter, "resolutionScale": 1.0}
    moded = [i for i in items if hasattr(i, "setExportMode")]
    for i in moded:
        i.setExportMode(True, opts)
    try:
        yield
    finally:
        for i in moded:
            i.setExportMode(False, opts)
        for c, pen in curves:
            c.opts["pen"] = pen
        for b in hidden:
            b.show()
