"""The desktop app: the only package that imports PySide6 or pyqtgraph.

Everything here calls the Qt-free core (``allocator.pipeline``,
``allocator.optimize``, ``allocator.document`` ...); the core never calls back.
Heavy modules (cvxpy, scikit-learn, pandas, pyqtgraph) are imported lazily so
the window paints first.
"""
