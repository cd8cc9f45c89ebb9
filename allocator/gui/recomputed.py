"""The banner of a file whose stored result contradicted its own settings (issue 16).

``allocator.document.open_for_editing`` keeps such a file's settings and lists
the contradictions (``Contradiction``: a kind and its facts); the window
recomputes the result from the settings and says so here, in its own words -
asset names, theme display names, percents and panel names, not the CLI's
field paths (``result.weights.LMT``, ``settings.max_weight``).
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication

from allocator.gui import i18n


# At most this many contradictions are named; the rest are counted.
SHOWN = 3


def _pct(x: float) -> str:
    v = float(x) * 100
    return i18n.percent(float(x), 0 if abs(v - round(v)) < 0.05 else 1)


def _figure(field: str) -> str:
    """The display name of a derived figure, from its field path."""
    if field.startswith("result.metrics.expected_return") or field.endswith("return_total"):
        return QCoreApplication.translate("Recomputed", "expected return")
    if field.startswith("result.metrics.volatility") or field.endswith("risk_total"):
        return QCoreApplication.translate("Recomputed", "volatility")
    if field.startswith("result.metrics.sharpe"):
        return QCoreApplication.translate("Recomputed", "Sharpe ratio")
    if field.startswith("result.theme_weights"):
        return QCoreApplication.translate("Recomputed", "theme weights")
    if field.startswith("result.country_weights"):
        return QCoreApplication.translate("Recomputed", "country weights")
    if field.startswith("result.currency_exposure"):
        return QCoreApplication.translate("Recomputed", "currency exposure")
    if field.startswith("result.hedge_notionals"):
        return QCoreApplication.translate("Recomputed", "hedge amounts")
    if field.startswith("result.risk_contributions"):
        return QCoreApplication.translate("Recomputed", "risk contributions")
    return QCoreApplication.translate("Recomputed", "return and risk attribution")


def _country(code: str) -> str:
    return {"US": QCoreApplication.translate("Wording", "United States"),
            "JP": QCoreApplication.translate("Wording", "Japan")}.get(code, code)


def _hedge(lo: float, hi: float) -> str:
    if lo == 0.0 and hi == 1.0:
        return QCoreApplication.translate("Recomputed", "optimal (0% to 100%)")
    if lo == hi:
        return _pct(lo)
    return QCoreApplication.translate("Recomputed", "{lo} to {hi}").format(lo=_pct(lo), hi=_pct(hi))


def describe(contradictions: Sequence, run) -> str:
    """What contradicted, in the language now shown: "Lockheed Martin (LMT) at 18%, above
    the 5% cap per asset; stored figures that the weights do not give: Sharpe ratio"."""
    lang = i18n.current()
    assets = {a.ticker: a for a in run.universe.assets}

    def theme(key: str) -> str:
        try:
            return run.universe.theme(key).display_name(lang)
        except Exception:  # noqa: BLE001 - a theme the universe no longer has: its key
            return key

    def asset(ticker: str) -> str:
        a = assets.get(ticker)
        return f"{a.name} ({ticker})" if a is not None and a.name and a.name != ticker else ticker

    items: list[str] = []
    figures: list[str] = []
    above = sorted((c.facts for c in contradictions if c.kind == "cap"), key=lambda f: -f["weight"])
    if len(above) == 1:
        f = above[0]
        items.append(QCoreApplication.translate("Recomputed", "{asset} at {weight}, above the {cap} cap per asset").format(
            asset=asset(f["ticker"]), weight=_pct(f["weight"]), cap=_pct(f["cap"])))
    elif above:
        listed = QCoreApplication.translate("Recomputed", ", ").join(
            QCoreApplication.translate("Recomputed", "{asset} {weight}").format(asset=asset(f["ticker"]), weight=_pct(f["weight"]))
            for f in above[:SHOWN])
        if len(above) > SHOWN:
            listed = QCoreApplication.translate("Recomputed", "{listed}, …").format(listed=listed)
        items.append(QCoreApplication.translate("Recomputed", "{n} assets above the {cap} cap per asset: {listed}").format(
            n=len(above), cap=_pct(above[0]["cap"]), listed=listed))
    for c in contradictions:
        f = c.facts
        if c.kind == "cap":
            continue
        elif c.kind == "theme":
            target = _pct(f["target"])
            if f.get("tolerance"):
                target = QCoreApplication.translate("Recomputed", "{target} ± {band}").format(target=target, band=_pct(f["tolerance"]))
            items.append(QCoreApplication.translate("Recomputed", "{theme} at {got}, off its target {target}").format(
                theme=theme(f["theme"]), got=_pct(f["got"]), target=target))
        elif c.kind == "country":
            items.append(QCoreApplication.translate("Recomputed", "{country} at {got}, outside its bounds {lo} to {hi}").format(
                country=_country(f["country"]), got=_pct(f["got"]), lo=_pct(f["lo"]), hi=_pct(f["hi"])))
        elif c.kind == "hedge":
            items.append(QCoreApplication.translate("Recomputed", "{currency} hedged {ratio}, outside the hedge setting {setting}").format(
                currency=f["currency"], ratio=_pct(f["ratio"]), setting=_hedge(f["lo"], f["hi"])))
        elif c.kind == "base":
            items.append(QCoreApplication.translate("Recomputed", "figures in {stored} while the base currency is {base}").format(
                stored=f["stored"], base=f["base"]))
        else:
            name = _figure(str(f.get("field", c.field_path)))
            if name not in figures:
                figures.append(name)
    if figures:
        items.append(QCoreApplication.translate("Recomputed", "stored figures that the weights do not give: {figures}").format(
            figures=QCoreApplication.translate("Recomputed", ", ").join(figures)))
    shown = QCoreApplication.translate("Recomputed", "; ").join(items[:SHOWN])
    if len(items) > SHOWN:
        shown = QCoreApplication.translate("Recomputed", "{shown}; and {n} more").format(shown=shown, n=len(items) - SHOWN)
    return shown


def banner_text(contradictions: Sequence, run) -> i18n.Live:
    """The banner: what contradicted, that the result was recomputed, that saving writes it."""
    return i18n.fmt(
        QCoreApplication.translate("Recomputed", "<b>Recomputed:</b> the result stored in this file contradicted its own settings "
           "({0}), so it was recomputed from the settings. File ▸ Save writes the recomputed result."),
        lambda: describe(contradictions, run),
    )
