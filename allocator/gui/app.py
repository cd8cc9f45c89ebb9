"""``run_gui``: start the app, paint the window first, load the heavy stack after.

Order matters for start-up time: Qt and the window (panels only) first, then
the first paint, then pyqtgraph plots; cvxpy, pandas and scikit-learn are
imported by a worker while the window is already on screen.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from allocator import APP_NAME, ORG_NAME, __version__

SCREENSHOT_SIZE = (1440, 900)
SCREENSHOT_TIMEOUT_MS = 60000


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("allocator")
    app.setWindowIcon(app_icon())
    from allocator.gui.fonts import ensure_japanese_font

    ensure_japanese_font(app)  # the bundled Japanese font only where the system has none
    return app


def app_icon():
    """The application icon at every bundled size (title bar, task switcher, dock)."""
    from PySide6.QtGui import QIcon

    from allocator.bundled import resource

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        node = resource("icons", f"allocator-{size}.png")
        if node.is_file():
            icon.addFile(str(node))
    return icon


def run_gui(file: str | None = None, screenshot: str | None = None, lang: str | None = None) -> int:
    """Open the window (optionally on a saved allocation); with ``screenshot`` render and exit.

    ``lang`` (``system``, ``en``, ``ja``) overrides View ▸ Language for this run only.
    """
    from allocator.gui import i18n, messages

    app = make_app()
    messages.install_excepthook()
    from allocator.gui.main_window import MainWindow
    from allocator.gui.prefs import Prefs

    i18n.set_language(lang or Prefs().language)
    window = MainWindow(build_plots=False)
    status = {"code": 0}
    if screenshot:
        window.resize(*SCREENSHOT_SIZE)
        _arm_screenshot(app, window, screenshot, status)
    launch(window, file)
    app.exec()
    window.shutdown(5000)
    window.deleteLater()  # tear the window down while Qt and Python are both alive
    app.processEvents()
    return status["code"]


def launch(window, file: str | None = None) -> None:
    """Show ``window`` and load the engine: the worker starts importing the core at once,
    while the GUI thread paints the window and then builds the plots."""
    window.create_plots_after_paint()
    window.show()
    window.start(file)


def _arm_screenshot(app: QApplication, window, path: str, status: dict) -> None:
    from allocator.gui import messages

    def shoot() -> None:
        app.processEvents()
        ok = window.grab().save(path)
        if not ok:
            print(f"allocator: error: cannot write the screenshot {path}", file=sys.stderr)
            status["code"] = 2
        window.undo.setClean()
        window.close()
        app.quit()

    def give_up() -> None:
        errors = [m.text for m in messages.bus.history if m.level is messages.Level.ERROR]
        print(f"allocator: error: no allocation to render ({errors[-1] if errors else 'timed out'})", file=sys.stderr)
        status["code"] = 4
        window.undo.setClean()
        window.close()
        app.quit()

    def on_error(msg) -> None:
        if msg.level is messages.Level.ERROR and not window._first_drawn and window.allocation is None:
            QTimer.singleShot(0, give_up)

    window.first_result_drawn.connect(lambda: QTimer.singleShot(150, shoot))
    messages.bus.listen(on_error)
    window._screenshot_mode = True
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_gui(os.environ.get("ALLOCATOR_FILE")))
