<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>not installed</source>
        <translation>未インストール</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>プラットフォーム</translation>
    </message>
    <message>
        <source>Theme-driven portfolio allocation for the US–Japan industrial partnership: mean-variance optimisation (cvxpy) across US and Japanese assets, with a yen hedge.</source>
        <translation>日米の産業連携をテーマにしたポートフォリオ配分ツール：日米の銘柄を対象に平均分散最適化（cvxpy）を行い、円の為替ヘッジも扱います。</translation>
    </message>
    <message>
        <source>Not investment advice. Numbers from the simulated sample are not real prices.</source>
        <translation>投資助言ではありません。シミュレーション・サンプルの数値は実際の価格ではありません。</translation>
    </message>
</context>
<context>
    <name>AddTickerDialog</name>
    <message>
        <source>Add a ticker</source>
        <translation>ティッカーの追加</translation>
    </message>
    <message>
        <source>e.g. MSFT or 6723.T</source>
        <translation>例：MSFT、6723.T</translation>
    </message>
    <message>
        <source>A Yahoo Finance ticker; Tokyo listings end in .T</source>
        <translation>Yahoo!ファイナンスのティッカー。東証上場銘柄は末尾が .T です</translation>
    </message>
    <message>
        <source>Ticker</source>
        <translation>ティッカー</translation>
    </message>
    <message>
        <source>optional display name</source>
        <translation>表示名（省略可）</translation>
    </message>
    <message>
        <source>Shown in the table and tooltips; defaults to the ticker</source>
        <translation>表やツールチップに表示されます。省略するとティッカーを表示します</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>銘柄名</translation>
    </message>
    <message>
        <source>The theme the asset counts towards</source>
        <translation>この銘柄を計上するテーマ</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Prices come from the cache or Yahoo Finance; you can refresh prices right after adding.</source>
        <translation>価格はキャッシュまたはYahoo!ファイナンスから取得します。追加後すぐに価格を更新できます。</translation>
    </message>
</context>
<context>
    <name>AllocationBarsPlot</name>
    <message>
        <source>Weight</source>
        <translation>比率</translation>
    </message>
</context>
<context>
    <name>AllocationTableModel</name>
    <message>
        <source>Ticker</source>
        <translation>ティッカー</translation>
    </message>
    <message>
        <source>Yahoo Finance ticker</source>
        <translation>Yahoo!ファイナンスのティッカー</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>銘柄名</translation>
    </message>
    <message>
        <source>Company or fund</source>
        <translation>企業またはファンド</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>The asset's primary theme</source>
        <translation>銘柄の主なテーマ</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Listing country</source>
        <translation>上場国</translation>
    </message>
    <message>
        <source>Ccy</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>Currency the asset trades in</source>
        <translation>銘柄の取引通貨</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Share of the portfolio</source>
        <translation>ポートフォリオに占める割合</translation>
    </message>
    <message>
        <source>Exp. return</source>
        <translation>期待リターン</translation>
    </message>
    <message>
        <source>Annual expected return in the base currency (unhedged)</source>
        <translation>基準通貨建ての年率期待リターン（ヘッジなし）</translation>
    </message>
    <message>
        <source>Volatility</source>
        <translation>ボラティリティ</translation>
    </message>
    <message>
        <source>Annual volatility in the base currency (unhedged)</source>
        <translation>基準通貨建ての年率ボラティリティ（ヘッジなし）</translation>
    </message>
    <message>
        <source>Risk contr.</source>
        <translation>リスク寄与</translation>
    </message>
    <message>
        <source>Share of the portfolio's variance this position contributes</source>
        <translation>このポジションがポートフォリオの分散に占める寄与率</translation>
    </message>
    <message>
        <source>± s.e.</source>
        <translation>± 標準誤差</translation>
    </message>
    <message>
        <source>One standard error of the expected return, from its estimator (the return is uncertain by about this much)</source>
        <translation>期待リターンの標準誤差（推定方法による）：期待リターンはおよそこの幅で不確かです</translation>
    </message>
    <message>
        <source>US</source>
        <translation>米国</translation>
    </message>
    <message>
        <source>JP</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>{ccy} hedge</source>
        <translation>{ccy}ヘッジ</translation>
    </message>
    <message>
        <source>Forward sale of {ccy} ({ratio} of {ccy} exposure)</source>
        <translation>{ccy}の為替予約（売り、{ccy}エクスポージャーの{ratio}）</translation>
    </message>
    <message>
        <source>Currency hedge</source>
        <translation>為替ヘッジ</translation>
    </message>
</context>
<context>
    <name>AllocationTableView</name>
    <message>
        <source>The allocation, one row per holding. Click a header to sort; Ctrl+C copies.</source>
        <translation>配分（1行に1保有銘柄）。見出しをクリックで並べ替え、Ctrl+Cでコピー。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>すべて選択</translation>
    </message>
</context>
<context>
    <name>BacktestTab</name>
    <message>
        <source>Run backtest</source>
        <extracomment>Strategy colours (colour-blind safe, Tableau 10 order). Idle time after a settings change before the automatic rerun.</extracomment>
        <translation>バックテストを実行</translation>
    </message>
    <message>
        <source>Walk the current settings forward through the price history</source>
        <translation>現在の設定で価格履歴をウォークフォワード検証します</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>毎月</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>四半期ごと</translation>
    </message>
    <message>
        <source>Annually</source>
        <translation>毎年</translation>
    </message>
    <message>
        <source>Rebalance on the last trading day of each month, quarter or year</source>
        <translation>毎月・四半期・年の最終取引日にリバランスします</translation>
    </message>
    <message>
        <source> months</source>
        <translation> か月</translation>
    </message>
    <message>
        <source>Trailing window each rebalance re-estimates on</source>
        <translation>各リバランスで再推定に使う過去の期間</translation>
    </message>
    <message>
        <source>One-way costs in basis points of traded value: 10, or US=5,JP=10</source>
        <translation>売買代金に対する片道コスト（bp）：10、または US=5,JP=10</translation>
    </message>
    <message>
        <source>Rerun on changes</source>
        <translation>変更時に再実行</translation>
    </message>
    <message>
        <source>Run again a moment after the settings change</source>
        <translation>設定を変更すると少し後に再実行します</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Rebalance</source>
        <translation>リバランス</translation>
    </message>
    <message>
        <source>Lookback</source>
        <translation>推定期間</translation>
    </message>
    <message>
        <source>Costs (bps)</source>
        <translation>コスト（bp）</translation>
    </message>
    <message>
        <source>Press Run backtest to see how these settings would have done out of sample.</source>
        <translation>「バックテストを実行」を押すと、この設定がアウトオブサンプルでどうだったかを確認できます。</translation>
    </message>
    <message>
        <source>Wealth (log)</source>
        <translation>資産額（対数）</translation>
    </message>
    <message>
        <source>Drawdown</source>
        <translation>ドローダウン</translation>
    </message>
    <message>
        <source>Export curves…</source>
        <translation>曲線をエクスポート…</translation>
    </message>
    <message>
        <source>Optimised</source>
        <translation>最適化</translation>
    </message>
    <message>
        <source>Theme weights</source>
        <translation>テーマ別比率</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>表をエクスポート…</translation>
    </message>
    <message>
        <source>No prices yet: wait for the model to load.</source>
        <translation>価格がまだありません。モデルの読み込みをお待ちください。</translation>
    </message>
    <message>
        <source>Cannot run: {0}</source>
        <translation>実行できません：{0}</translation>
    </message>
    <message>
        <source>Running the backtest…</source>
        <translation>バックテストを実行中…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>{0} rebalances, {1} to {2}, computed in {3:.1f} s.</source>
        <translation>リバランス{0}回、{1}〜{2}、計算時間 {3:.1f} 秒。</translation>
    </message>
    <message>
        <source>'fixed' holds today's allocation throughout (hindsight).</source>
        <translation>「固定」は現在の配分を全期間保有します（後知恵）。</translation>
    </message>
    <message>
        <source>Backtest cancelled.</source>
        <translation>バックテストをキャンセルしました。</translation>
    </message>
    <message>
        <source>Cannot run the backtest: {0}</source>
        <translation>バックテストを実行できません：{0}</translation>
    </message>
    <message>
        <source>Equal
weight</source>
        <translation>均等
配分</translation>
    </message>
    <message>
        <source>Theme
targets</source>
        <translation>テーマ
目標</translation>
    </message>
    <message>
        <source>Fixed
(today's)</source>
        <translation>固定
（現在の配分）</translation>
    </message>
    <message>
        <source>Optimised
unhedged</source>
        <translation>最適化
（ヘッジなし）</translation>
    </message>
    <message>
        <source>CAGR</source>
        <translation>年率成長率（CAGR）</translation>
    </message>
    <message>
        <source>Volatility</source>
        <translation>ボラティリティ</translation>
    </message>
    <message>
        <source>Sharpe</source>
        <translation>シャープレシオ</translation>
    </message>
    <message>
        <source>Sharpe s.e.</source>
        <translation>シャープレシオの標準誤差</translation>
    </message>
    <message>
        <source>Sortino</source>
        <translation>ソルティノレシオ</translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation>最大ドローダウン</translation>
    </message>
    <message>
        <source>Drawdown length (days)</source>
        <translation>ドローダウン期間（日）</translation>
    </message>
    <message>
        <source>Turnover / year</source>
        <translation>年間売買回転率</translation>
    </message>
    <message>
        <source>Predicted volatility</source>
        <translation>予測ボラティリティ</translation>
    </message>
    <message>
        <source>Realised / predicted vol</source>
        <translation>実現／予測ボラティリティ</translation>
    </message>
    <message>
        <source>Strategies as columns; 'Fixed' holds today's allocation throughout (hindsight).</source>
        <translation>列は戦略。「固定」は現在の配分を全期間保有します（後知恵）。</translation>
    </message>
    <message>
        <source>Realised / predicted vol: the volatility the strategy actually had, divided by what the risk model forecast at each rebalance (root mean square). Above 1: the model under-stated the risk.</source>
        <translation>実現／予測ボラティリティ：戦略の実際のボラティリティを、各リバランス時にリスクモデルが予測した値（二乗平均平方根）で割ったもの。1を超えるとモデルがリスクを過小評価していたことになります。</translation>
    </message>
    <message>
        <source>Cannot export the table to {0}: {1}</source>
        <translation>表を{0}にエクスポートできません：{1}</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>エクスポートできません</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Cannot export the curves to {0}: {1}</source>
        <translation>曲線を{0}にエクスポートできません：{1}</translation>
    </message>
    <message>
        <source>Export backtest curves</source>
        <translation>バックテストの曲線をエクスポート</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG画像 (*.png);;SVG画像 (*.svg)</translation>
    </message>
    <message>
        <source>Export backtest table</source>
        <translation>バックテストの表をエクスポート</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Why the shown result is not for your latest settings</source>
        <translation>表示中の結果が最新の設定によるものでない理由</translation>
    </message>
</context>
<context>
    <name>BreakdownPlot</name>
    <message>
        <source>By theme</source>
        <translation>テーマ別</translation>
    </message>
    <message>
        <source>By country</source>
        <translation>国別</translation>
    </message>
    <message>
        <source>Currency exposure</source>
        <translation>通貨エクスポージャー</translation>
    </message>
    <message>
        <source>{0} gross</source>
        <translation>{0} ヘッジ前</translation>
    </message>
    <message>
        <source>{0} hedged ({1})</source>
        <translation>{0} ヘッジ分（{1}）</translation>
    </message>
    <message>
        <source>{0} net</source>
        <translation>{0} ヘッジ後</translation>
    </message>
</context>
<context>
    <name>ConstraintsPanel</name>
    <message>
        <source>Limits</source>
        <translation>制約</translation>
    </message>
    <message>
        <source>Largest weight any single asset may have</source>
        <translation>1銘柄あたりの最大比率</translation>
    </message>
    <message>
        <source>Max per asset</source>
        <translation>1銘柄の上限</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>米国</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>Least the portfolio must hold in {0}</source>
        <translation>{0}に最低限配分する比率</translation>
    </message>
    <message>
        <source>Most the portfolio may hold in {0}</source>
        <translation>{0}に配分できる最大比率</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Max per asset {0}</source>
        <translation>1銘柄の上限 {0}</translation>
    </message>
    <message>
        <source>{0} {1} to {2}</source>
        <translation>{0} {1}〜{2}</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>; </source>
        <extracomment>Every origin of a translated text, for texts two sources share (週次 is "Weekly" in the Estimation panel and the core's "weekly"); bounded by the catalogue's size. The dynamic property where a widget (or action, or model) remembers the source of each text a language switch gave it. Two sources may share a translation ("Returns" and "returns" are both リターン): the text → origin map alone would send both back to whichever was translated last. Kept on the object itself, it dies with it (no memory of deleted widgets to outgrow).
----------
Core phrases that tell a CLI user which flag to pass: the window says what to do in it instead.</extracomment>
        <translation>。</translation>
    </message>
    <message>
        <source>the price cache has no prices for {tickers}{more}{problems}</source>
        <translation>価格キャッシュに{tickers}{more}の価格がない{problems}</translation>
    </message>
    <message>
        <source>{why}; run `allocator fetch` to download prices</source>
        <translation>{why}ため、`allocator fetch` を実行して価格をダウンロードしてください</translation>
    </message>
    <message>
        <source>{why}; run `allocator fetch` to download them</source>
        <translation>{why}ため、`allocator fetch` を実行してダウンロードしてください</translation>
    </message>
    <message>
        <source>the price cache has no {fx} (USD/JPY); run `allocator fetch` to download it</source>
        <translation>価格キャッシュに{fx}（ドル円）がありません。`allocator fetch` を実行してダウンロードしてください</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> ほか{n}銘柄</translation>
    </message>
    <message>
        <source>the price cache has no prices for {tickers}{more}; left out, using the cache for the other {found} - `allocator fetch` downloads them</source>
        <translation>価格キャッシュに{tickers}{more}の価格がないため除外し、残り{found}銘柄はキャッシュを使用します。`allocator fetch` でダウンロードできます</translation>
    </message>
    <message>
        <source>{n} {frequency} periods left out of the estimate because an asset or USD/JPY had no price in them (market closed, e.g. Golden Week): {dates}{more}</source>
        <translation>いずれかの銘柄またはUSD/JPYに価格がなかったため（休場、例：ゴールデンウィーク）、{frequency}の{n}期間を推定から除外しました：{dates}{more}</translation>
    </message>
    <message>
        <source>the price cache is empty</source>
        <translation>価格キャッシュが空である</translation>
    </message>
    <message>
        <source>using the simulated sample because {why}; run `allocator fetch` for real prices</source>
        <translation>{why}ため、シミュレーション・サンプルを使用しています。実際の価格を使うには `allocator fetch` を実行してください</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>{shown} and {more} more</source>
        <translation>{shown} ほか{more}銘柄</translation>
    </message>
    <message>
        <source>the price cache has no prices for {tickers}</source>
        <translation>価格キャッシュに{tickers}の価格がない</translation>
    </message>
    <message>
        <source>{note}; the sample has no prices for {tickers}, left out</source>
        <translation>{note}。サンプルには{tickers}の価格がないため除外しました</translation>
    </message>
    <message>
        <source>{file} has no {fx} column; USD/JPY taken from the price cache</source>
        <translation>{file}に{fx}列がないため、ドル円は価格キャッシュから取得しました</translation>
    </message>
    <message>
        <source>{file} has no {fx} (USD/JPY) column; add one to translate currencies</source>
        <translation>{file}に{fx}（ドル円）列がありません。通貨換算にはこの列を追加してください</translation>
    </message>
    <message>
        <source>{why} ({problems})</source>
        <translation>{why}（{problems}）</translation>
    </message>
    <message>
        <source>the price cache has no {fx} (USD/JPY)</source>
        <translation>価格キャッシュに{fx}（ドル円）がない</translation>
    </message>
    <message>
        <source>{ticker}: refresh failed ({why}); using cached prices to {last}</source>
        <translation>{ticker}：更新に失敗しました（{why}）。{last}までのキャッシュ価格を使用します</translation>
    </message>
    <message>
        <source>covariance repaired: {k} of {n} eigenvalues were raised to a small positive floor (the matrix changed by {change}); risk figures along those directions are unreliable</source>
        <translation>共分散行列を修復しました：{n}個の固有値のうち{k}個を小さな正の下限まで引き上げました（行列の変化は{change}）。その方向のリスク数値は信頼できません</translation>
    </message>
    <message>
        <source>only about {periods} effective return periods (EWMA weights) for {n} assets and hedges (fewer than {k} per dimension): the optimised portfolio's risk is understated and its Sharpe ratio overstated; use a longer half-life or fewer assets</source>
        <translation>{n}個の資産とヘッジに対して実効リターン期間が約{periods}期間しかありません（EWMAの重み。1次元あたり{k}期間未満）：最適化したポートフォリオのリスクは過小に、シャープレシオは過大に表示されます。半減期を長くするか、資産を減らしてください</translation>
    </message>
    <message>
        <source>only {periods} return periods for {n} assets and hedges (fewer than {k} per dimension): the optimised portfolio's risk is understated and its Sharpe ratio overstated; use a longer window, a higher frequency or fewer assets</source>
        <translation>{n}個の資産とヘッジに対してリターン期間が{periods}期間しかありません（1次元あたり{k}期間未満）：最適化したポートフォリオのリスクは過小に、シャープレシオは過大に表示されます。推定期間を長くする、頻度を上げる、または資産を減らしてください</translation>
    </message>
    <message>
        <source>{path}: cannot save your universe ({problem})</source>
        <translation>{path}：ユーザーのユニバースを保存できません（{problem}）</translation>
    </message>
    <message>
        <source>ticker {ticker}: no prices for it in {source}; check the symbol on Yahoo Finance</source>
        <translation>ティッカー {ticker}：{source}に価格がありません。Yahoo!ファイナンスでシンボルを確認してください</translation>
    </message>
    <message>
        <source>{ticker} is part of the default universe and cannot be removed</source>
        <translation>{ticker} は既定のユニバースの銘柄なので削除できません</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>{n} kB</source>
        <translation>{n} kB</translation>
    </message>
    <message>
        <source>a pipe</source>
        <translation>パイプ</translation>
    </message>
    <message>
        <source>is not a regular file ({kind}); give the path of a {what}</source>
        <translation>通常のファイルではありません（{kind}）。{what}のパスを指定してください</translation>
    </message>
    <message>
        <source>the {what} name is empty</source>
        <translation>{what}の名前が空です</translation>
    </message>
    <message>
        <source>is a folder, not a {what}</source>
        <translation>フォルダです（{what}ではありません）</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>the .gz file is empty</source>
        <translation>.gz ファイルが空です</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>ファイルが見つかりません</translation>
    </message>
    <message>
        <source>no permission to read this {what}</source>
        <translation>この{what}を読み取る権限がありません</translation>
    </message>
    <message>
        <source>cannot read ({why})</source>
        <translation>読み取れません（{why}）</translation>
    </message>
    <message>
        <source>the file name contains a NUL character</source>
        <translation>ファイル名に NUL 文字が含まれています</translation>
    </message>
    <message>
        <source>is larger than {most}, the limit for a {what}</source>
        <translation>{what}の上限 {most} を超えています</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ソケット</translation>
    </message>
    <message>
        <source>special</source>
        <translation>特殊ファイル</translation>
    </message>
    <message>
        <source>the .gz file is truncated (incomplete download?)</source>
        <translation>.gz ファイルが途中で切れています（ダウンロードが完了していない可能性があります）</translation>
    </message>
    <message>
        <source>is not UTF-8 text (save it as UTF-8)</source>
        <translation>UTF-8 のテキストではありません（UTF-8 で保存し直してください）</translation>
    </message>
    <message>
        <source>the file name is too long</source>
        <translation>ファイル名が長すぎます</translation>
    </message>
    <message>
        <source>is {size}; a {what} is at most {most}</source>
        <translation>サイズが {size} あります。{what}は最大 {most} までです</translation>
    </message>
    <message>
        <source>is not ready to be read (not a regular file?)</source>
        <translation>読み取れる状態ではありません（通常のファイルではない可能性があります）</translation>
    </message>
    <message>
        <source>is not a valid gzip file (damaged)</source>
        <translation>有効な gzip ファイルではありません（破損しています）</translation>
    </message>
    <message>
        <source>decompresses to more than {most}, the limit for a {what}</source>
        <translation>展開すると{what}の上限 {most} を超えます</translation>
    </message>
    <message>
        <source>{where}: must be a number</source>
        <translation>{where}: 数値でなければなりません</translation>
    </message>
    <message>
        <source>--view {text}: expected THEME=R@C, THEME1-THEME2=R@C or TICKER=R@C, e.g. semis_ai=0.12@0.6</source>
        <translation>--view {text}: THEME=R@C、THEME1-THEME2=R@C または TICKER=R@C の形で指定してください（例: semis_ai=0.12@0.6）</translation>
    </message>
    <message>
        <source>the {what} has no weight on any asset of the universe</source>
        <translation>{what}はユニバースのどの銘柄にも比率がありません</translation>
    </message>
    <message>
        <source>{what}: {tickers} not in the model; left out</source>
        <translation>{what}: {tickers} はモデルにないため除外しました</translation>
    </message>
    <message>
        <source>{what}: no weight for {tickers}; taken as 0</source>
        <translation>{what}: {tickers} の比率がないため 0 とみなしました</translation>
    </message>
    <message>
        <source>market-implied</source>
        <translation>市場から推定</translation>
    </message>
    <message>
        <source>market-implied (clipped from {raw})</source>
        <translation>市場から推定（{raw}から調整）</translation>
    </message>
    <message>
        <source>given</source>
        <translation>指定値</translation>
    </message>
    <message>
        <source>--reference {path}: the allocation holds no asset</source>
        <translation>--reference {path}: この配分ファイルには銘柄が含まれていません</translation>
    </message>
    <message>
        <source>reference portfolio ({reference}) holds none of the universe's assets</source>
        <translation>基準ポートフォリオ（{reference}）にはユニバースの銘柄が1つも含まれていません</translation>
    </message>
    <message>
        <source>{where}: must be an object like {example}</source>
        <translation>{where}: {example} のようなオブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>{where}: give exactly one of theme, ticker, or long and short</source>
        <translation>{where}: theme、ticker、または long と short の組のうち、ちょうど1つを指定してください</translation>
    </message>
    <message>
        <source>{where}: a relative view needs both long and short</source>
        <translation>{where}: 相対ビューには long と short の両方が必要です</translation>
    </message>
    <message>
        <source>{where}: return {value} is out of range (an annual fraction in [-1, 1], e.g. 0.12)</source>
        <translation>{where}: リターン {value} は範囲外です（年率の小数で [-1, 1]、例: 0.12）</translation>
    </message>
    <message>
        <source>{where}: confidence {value} must be in (0, 1] (e.g. 0.6 for 60%)</source>
        <translation>{where}: 確信度 {value} は (0, 1] の範囲でなければなりません（例: 60% なら 0.6）</translation>
    </message>
    <message>
        <source>{where}: a relative view needs two different themes</source>
        <translation>{where}: 相対ビューには異なる2つのテーマが必要です</translation>
    </message>
    <message>
        <source>--view {text}: the return and the confidence must be numbers, e.g. semis_ai=0.12@0.6</source>
        <translation>--view {text}: リターンと確信度は数値でなければなりません（例: semis_ai=0.12@0.6）</translation>
    </message>
    <message>
        <source>reference {reference} must be market-cap, equal or an allocation file</source>
        <translation>基準 {reference} は market-cap、equal、または配分ファイルでなければなりません</translation>
    </message>
    <message>
        <source>reference {reference}: the reference weights are missing</source>
        <translation>基準 {reference}: 基準ポートフォリオの比率がありません</translation>
    </message>
    <message>
        <source>--tau {value}: must be in (0, 1] (typical 0.025 to 0.1)</source>
        <translation>--tau {value}: (0, 1] の範囲でなければなりません（通常は 0.025〜0.1）</translation>
    </message>
    <message>
        <source>settings.reference: must be an object {fields}</source>
        <translation>settings.reference: オブジェクト {fields} でなければなりません</translation>
    </message>
    <message>
        <source>settings.views: must be a list</source>
        <translation>settings.views: リストでなければなりません</translation>
    </message>
    <message>
        <source>view {view}: unknown theme {theme}; known themes: {themes}</source>
        <translation>ビュー {view}: 不明なテーマ {theme}。既知のテーマ: {themes}</translation>
    </message>
    <message>
        <source>view {view}: theme {theme} has no assets in the model</source>
        <translation>ビュー {view}: テーマ {theme} にはモデル内の銘柄がありません</translation>
    </message>
    <message>
        <source>assumptions default</source>
        <translation>前提ファイルの既定値</translation>
    </message>
    <message>
        <source>reference portfolio: equal weights</source>
        <translation>参照ポートフォリオ：均等配分</translation>
    </message>
    <message>
        <source>{where}: must be a non-empty string</source>
        <translation>{where}: 空でない文字列でなければなりません</translation>
    </message>
    <message>
        <source>--view {text}: {name} is neither a theme nor a ticker of the universe</source>
        <translation>--view {text}: {name} はユニバースのテーマでもティッカーでもありません</translation>
    </message>
    <message>
        <source>--prior-risk-aversion {value}: must be a positive number (typical 1 to 10)</source>
        <translation>--prior-risk-aversion {value}: 正の数でなければなりません（通常は 1〜10）</translation>
    </message>
    <message>
        <source>view {view}: unknown ticker {ticker}; it is not in the model</source>
        <translation>ビュー {view}: 不明なティッカー {ticker}。モデルに含まれていません</translation>
    </message>
    <message>
        <source>reference portfolio: market capitalisation</source>
        <translation>参照ポートフォリオ：時価総額</translation>
    </message>
    <message>
        <source>using cached Yahoo Finance prices (to {date}); `allocator fetch` refreshes them</source>
        <translation>キャッシュ済みのYahoo!ファイナンスの価格（{date}まで）を使用しています。`allocator fetch` で更新できます</translation>
    </message>
    <message>
        <source>the theme targets, country bounds and per-asset cap cannot all hold together</source>
        <translation>テーマ目標、国別上下限、銘柄ごとの上限をすべて同時に満たすことはできません</translation>
    </message>
    <message>
        <source>a {cap} cap across {n} assets can invest at most {most}</source>
        <translation>{n}銘柄に各{cap}の上限では、最大{most}しか投資できません</translation>
    </message>
    <message>
        <source>country lower bounds sum to {total}, more than 100%</source>
        <translation>国別下限の合計が{total}で、100%を超えています</translation>
    </message>
    <message>
        <source>the theme targets cannot all hold under the per-asset cap</source>
        <translation>銘柄ごとの上限のもとでは、テーマ目標をすべて満たすことはできません</translation>
    </message>
    <message>
        <source>the constraints cannot all hold together</source>
        <translation>制約をすべて同時に満たすことはできません</translation>
    </message>
    <message>
        <source>theme targets sum to {total} ({parts}), more than 100%</source>
        <translation>テーマ目標の合計が{total}（{parts}）で、100%を超えています</translation>
    </message>
    <message>
        <source>theme targets less their tolerance sum to {total} ({parts}), more than 100%</source>
        <translation>テーマ目標から許容幅を引いた合計が{total}（{parts}）で、100%を超えています</translation>
    </message>
    <message>
        <source>theme targets sum to {total} and every theme is named, so nothing can hold the other {rest}; leave a theme free or raise the targets</source>
        <translation>テーマ目標の合計が{total}で、すべてのテーマに目標があるため、残りの{rest}を配分できません。いずれかのテーマを自由にするか、目標を引き上げてください</translation>
    </message>
    <message>
        <source>{theme}={target} needs {need} assets at a {cap} cap, only {count} exist</source>
        <translation>{theme}={target}には上限{cap}で{need}銘柄が必要ですが、{count}銘柄しかありません</translation>
    </message>
    <message>
        <source>country upper bounds sum to {total}, less than 100%</source>
        <translation>国別上限の合計が{total}で、100%に届きません</translation>
    </message>
    <message>
        <source>country {country} &gt;= {lo} needs more than its {count} assets at a {cap} cap</source>
        <translation>国{country} ≧ {lo}には、上限{cap}では{count}銘柄より多くの銘柄が必要です</translation>
    </message>
    <message>
        <source>country {country} &gt;= {lo} but the universe has no {country} assets</source>
        <translation>国{country} ≧ {lo}が指定されていますが、ユニバースに{country}の銘柄がありません</translation>
    </message>
    <message>
        <source>must be a number, got {kind}</source>
        <translation>数値でなければなりません（{kind}が入っています）</translation>
    </message>
    <message>
        <source>{value} is out of range [{lo}, {hi}]</source>
        <translation>{value} は範囲 [{lo}, {hi}] の外です</translation>
    </message>
    <message>
        <source>must be a list of {n} rows (one per asset, in assets order), got {got}</source>
        <translation>{n} 行のリスト（assets の順に1銘柄1行）でなければなりませんが、{got} 行です</translation>
    </message>
    <message>
        <source>must be symmetric</source>
        <translation>対称行列でなければなりません</translation>
    </message>
    <message>
        <source>is not positive semi-definite (smallest eigenvalue {eig})</source>
        <translation>半正定値ではありません（最小固有値 {eig}）</translation>
    </message>
    <message>
        <source>must be a JSON object</source>
        <translation>JSON オブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>give either covariance, or volatilities and correlations - not both (which one should win?)</source>
        <translation>covariance か、volatilities と correlations の組のどちらか一方を指定してください。両方あるとどちらを優先すべきか決められません</translation>
    </message>
    <message>
        <source>every variance is zero, so every portfolio would be riskless and the Sharpe ratio unbounded; give annual variances (e.g. 0.04 for a 20% volatility)</source>
        <translation>分散がすべて 0 のため、どのポートフォリオも無リスクとなりシャープレシオが発散します。年率の分散を指定してください（例: ボラティリティ 20% なら 0.04）</translation>
    </message>
    <message>
        <source>missing {tickers}</source>
        <translation>{tickers} がありません</translation>
    </message>
    <message>
        <source>assumptions file</source>
        <translation>前提条件ファイル</translation>
    </message>
    <message>
        <source>must hold {n} numbers, got {got}</source>
        <translation>{n} 個の数値が必要ですが、{got} 個です</translation>
    </message>
    <message>
        <source>is missing (give {form}, or use --mean equilibrium / black-litterman)</source>
        <translation>がありません（{form} を指定するか、--mean equilibrium / black-litterman を使ってください）</translation>
    </message>
    <message>
        <source>do not fit the asset correlations: the joint covariance of the returns and f is not positive semi-definite (smallest eigenvalue {eig}); lower the largest |rho|</source>
        <translation>銘柄間の相関と整合しません: リターンと f の同時共分散行列が半正定値ではありません（最小固有値 {eig}）。最も大きい |rho| を小さくしてください</translation>
    </message>
    <message>
        <source>unknown ticker {ticker} (not in assets)</source>
        <translation>不明なティッカー {ticker}（assets にありません）</translation>
    </message>
    <message>
        <source>must be an object {form}</source>
        <translation>オブジェクト {form} でなければなりません</translation>
    </message>
    <message>
        <source>unknown ticker(s) {tickers}</source>
        <translation>不明なティッカー {tickers}</translation>
    </message>
    <message>
        <source>must be a list of views</source>
        <translation>ビューのリストでなければなりません</translation>
    </message>
    <message>
        <source>diagonal must be 1</source>
        <translation>対角成分は 1 でなければなりません</translation>
    </message>
    <message>
        <source>is missing (volatilities need correlations, and correlations volatilities)</source>
        <translation>がありません（volatilities には correlations が、correlations には volatilities が必要です）</translation>
    </message>
    <message>
        <source>give either covariance, or volatilities and correlations</source>
        <translation>covariance か、volatilities と correlations の組を指定してください</translation>
    </message>
    <message>
        <source>--rebalance {value} must be monthly, quarterly or annually</source>
        <translation>--rebalance {value} は monthly（毎月）、quarterly（四半期）、annually（毎年）のいずれかにしてください</translation>
    </message>
    <message>
        <source>{source}: no prices up to {end}</source>
        <translation>{source}: {end} までの価格がありません</translation>
    </message>
    <message>
        <source>too little history for a {lookback}-month lookback: {source} starts {since}, so the first rebalance that would work is {first} (the backtest needs data, and --end, after it)</source>
        <translation>{lookback}か月のルックバックには履歴が足りません: {source} は {since} から始まるため、最初に可能なリバランスは {first} です（バックテストにはそれ以降のデータと --end が必要です）</translation>
    </message>
    <message>
        <source>at {count} of {total} rebalances (the first on {date}): {warning}</source>
        <translation>リバランス{total}回のうち{count}回（最初は{date}）：{warning}</translation>
    </message>
    <message>
        <source>--benchmarks: unknown benchmark {name} (choose from {choices}, or none)</source>
        <translation>--benchmarks: 不明なベンチマーク {name} です（{choices} から選ぶか、none を指定してください）</translation>
    </message>
    <message>
        <source>--lookback {value} must be a whole number of months from 3 to 240</source>
        <translation>--lookback {value} は 3〜240 の月数（整数）で指定してください</translation>
    </message>
    <message>
        <source>the backtest starts ({start}) after it ends ({end})</source>
        <translation>バックテストの開始日（{start}）が終了日（{end}）より後になっています</translation>
    </message>
    <message>
        <source>USD/JPY prices (JPY=X) are needed to value {foreign} assets in {base}</source>
        <translation>{foreign} 建て資産を {base} で評価するには USD/JPY の価格（JPY=X）が必要です</translation>
    </message>
    <message>
        <source>the fixed benchmark's allocation has no weight on any asset of the universe</source>
        <translation>固定ベンチマークの配分には、ユニバースのどの銘柄にもウェイトがありません</translation>
    </message>
    <message>
        <source>--lookback {value} must be a whole number of months</source>
        <translation>--lookback {value} は月数（整数）で指定してください</translation>
    </message>
    <message>
        <source>rebalance {day}: {error}</source>
        <translation>リバランス {day}: {error}</translation>
    </message>
    <message>
        <source>--{name} {value} is not a date (use YYYY-MM-DD)</source>
        <translation>--{name} {value} は日付ではありません（YYYY-MM-DD 形式で指定してください）</translation>
    </message>
    <message>
        <source>{what} must be between 0 and {most} basis points (one-way; 10 means 0.1%), got {value}</source>
        <translation>{what} は 0〜{most} ベーシスポイント（片道。10 は 0.1%）でなければなりませんが、{value} です</translation>
    </message>
    <message>
        <source>--costs must be basis points, e.g. 10 or US=5,JP=10, got {value}</source>
        <translation>--costs はベーシスポイントで指定してください（例: 10 または US=5,JP=10）。指定値: {value}</translation>
    </message>
    <message>
        <source>--costs {text}: missing {market} (give both markets, e.g. US=5,JP=10, or one number for both)</source>
        <translation>--costs {text}: {market} がありません（US=5,JP=10 のように両市場を指定するか、両市場共通の数値を1つ指定してください）</translation>
    </message>
    <message>
        <source>{what}: unknown market {market} (use {markets})</source>
        <translation>{what}: 不明な市場 {market}（{markets} を使ってください）</translation>
    </message>
    <message>
        <source>{what} must be basis points or {form}, got {value}</source>
        <translation>{what} はベーシスポイントか {form} でなければなりませんが、{value} です</translation>
    </message>
    <message>
        <source>{what}: missing {market} (give both markets, e.g. US=5,JP=10)</source>
        <translation>{what}: {market} がありません（US=5,JP=10 のように両市場を指定してください）</translation>
    </message>
    <message>
        <source>{what} must be a number of basis points, got {value}</source>
        <translation>{what} はベーシスポイントの数値でなければなりませんが、{value} です</translation>
    </message>
    <message>
        <source>--costs {text}: empty entry (write US=5,JP=10)</source>
        <translation>--costs {text}: 空の項目があります（US=5,JP=10 のように書いてください）</translation>
    </message>
    <message>
        <source>--costs {text}: {part} must be MARKET=BPS (e.g. US=5,JP=10)</source>
        <translation>--costs {text}: {part} は 市場=BPS の形でなければなりません（例: US=5,JP=10）</translation>
    </message>
    <message>
        <source>--costs {text}: {market} is given twice</source>
        <translation>--costs {text}: {market} が2回指定されています</translation>
    </message>
    <message>
        <source>base currency {value} must be USD or JPY</source>
        <translation>基準通貨 {value} は USD か JPY にしてください</translation>
    </message>
    <message>
        <source>rate units {units} must be fraction or percent</source>
        <translation>金利の単位 {units} は fraction（小数）か percent（パーセント）を指定してください</translation>
    </message>
    <message>
        <source>rate history</source>
        <translation>為替レート履歴</translation>
    </message>
    <message>
        <source>needs a date column and at least one of USD, JPY, with one row a month</source>
        <translation>日付の列と、USD・JPY の少なくとも一方の列が必要です（1 か月に 1 行）</translation>
    </message>
    <message>
        <source>no USD or JPY column in the header (it has {n} columns); name the columns Date,USD,JPY</source>
        <translation>見出しに USD・JPY の列がありません（列数 {n}）。列名を Date,USD,JPY にしてください</translation>
    </message>
    <message>
        <source>duplicated date {date}</source>
        <translation>日付 {date} が重複しています</translation>
    </message>
    <message>
        <source>USD/JPY prices (JPY=X) are needed to translate {currencies} returns into {base}: add a JPY=X column to the CSV, fetch it (allocator fetch --tickers JPY=X), or use --base {other} if every asset is in that currency</source>
        <translation>{currencies} 建てのリターンを {base} に換算するにはドル円の価格（JPY=X）が必要です。CSV に JPY=X の列を追加するか、取得する（allocator fetch --tickers JPY=X）か、すべての銘柄がその通貨建てなら --base {other} を指定してください</translation>
    </message>
    <message>
        <source>is not a CSV rate history (expected UTF-8 CSV with columns Date,USD,JPY)</source>
        <translation>は金利履歴の CSV ではありません（列 Date,USD,JPY を持つ UTF-8 の CSV が必要です）</translation>
    </message>
    <message>
        <source>column {column} must hold dates (YYYY-MM-DD)</source>
        <translation>列 {column} には日付（YYYY-MM-DD）を入れてください</translation>
    </message>
    <message>
        <source>row {row}: {value} is not a number</source>
        <translation>{row} 行目：{value} は数値ではありません</translation>
    </message>
    <message>
        <source>annual rates must lie between -10% and 100%, found {found}</source>
        <translation>年率の金利は -10% から 100% の範囲にしてください（{found} があります）</translation>
    </message>
    <message>
        <source>annual rates must lie between -10% and 100%, found {found} (the values look like percents: use --rate-units percent)</source>
        <translation>年率の金利は -10% から 100% の範囲にしてください（{found} があります。値がパーセント表記のようです：--rate-units percent を指定してください）</translation>
    </message>
    <message>
        <source>row {row}: has {cells} cells but the header has {width} columns</source>
        <translation>{row} 行目：セルが {cells} 個ありますが、見出しの列は {width} 個です</translation>
    </message>
    <message>
        <source>{ticker}: refusing to cache an empty price history</source>
        <translation>{ticker}：空の価格履歴はキャッシュしません</translation>
    </message>
    <message>
        <source>price cache file</source>
        <translation>価格キャッシュファイル</translation>
    </message>
    <message>
        <source>cannot write the price cache in {folder} ({why})</source>
        <translation>価格キャッシュを {folder} に書き込めません（{why}）</translation>
    </message>
    <message>
        <source>pass --accept-outliers to use it as it is</source>
        <translation>そのまま使う場合は --accept-outliers を指定してください</translation>
    </message>
    <message>
        <source>{n} one-day move(s) above the data-quality outlier threshold in {assets} asset(s) - check them for typos; largest: {moves}</source>
        <translation>{assets} 銘柄で、1 日の値動きがデータ品質の外れ値しきい値を超えた箇所が {n} 件あります。入力ミスがないか確認してください。最大のもの: {moves}</translation>
    </message>
    <message>
        <source>the date column</source>
        <translation>日付の列</translation>
    </message>
    <message>
        <source>row {row}, {ticker} {date}: {price} is 1/{factor} of the previous price {previous} (row {previous_row})</source>
        <translation>{row} 行目、{ticker} {date}: {price} は前の価格 {previous}（{previous_row} 行目）の 1/{factor} です</translation>
    </message>
    <message>
        <source>{move} (and {n} more such move(s)); a typo? Correct the file, or {how}</source>
        <translation>{move}（同様の値動きがほかに {n} 件）。入力ミスではありませんか？ ファイルを修正するか、{how}</translation>
    </message>
    <message>
        <source>{move}; a typo? Correct the file, or {how}</source>
        <translation>{move}。入力ミスではありませんか？ ファイルを修正するか、{how}</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>ファイルまたはフォルダが見つかりません</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <translation>{first}。{rest}</translation>
    </message>
    <message>
        <source>{file}: {message}</source>
        <translation>{file}: {message}</translation>
    </message>
    <message>
        <source>column {name}</source>
        <translation>{name} 列</translation>
    </message>
    <message>
        <source>row {row}, {ticker} {date}: {price} is {factor} times the previous price {previous} (row {previous_row})</source>
        <translation>{row} 行目、{ticker} {date}: {price} は前の価格 {previous}（{previous_row} 行目）の {factor} 倍です</translation>
    </message>
    <message>
        <source>{file} {move}</source>
        <translation>{file} {move}</translation>
    </message>
    <message>
        <source>CSV price file</source>
        <translation>CSV 価格ファイル</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>ファイルが空です</translation>
    </message>
    <message>
        <source>an empty cell</source>
        <translation>空のセル</translation>
    </message>
    <message>
        <source>{value} is not a date (use YYYY-MM-DD)</source>
        <translation>{value} は日付ではありません（YYYY-MM-DD 形式で入力してください）</translation>
    </message>
    <message>
        <source>the column has no ticker in its header</source>
        <translation>この列の見出しにティッカーがありません</translation>
    </message>
    <message>
        <source>{value} is not a valid Yahoo ticker</source>
        <translation>{value} は有効な Yahoo のティッカーではありません</translation>
    </message>
    <message>
        <source>date {date} is after today ({today}); a typo?</source>
        <translation>日付 {date} は今日（{today}）より後です。入力ミスではありませんか？</translation>
    </message>
    <message>
        <source>date {date} is before {year}; a typo?</source>
        <translation>日付 {date} は {year} 年より前です。入力ミスではありませんか？</translation>
    </message>
    <message>
        <source>every date is a Saturday or Sunday, when exchanges are closed; are the dates shifted by a day?</source>
        <translation>すべての日付が取引所の休場日（土曜・日曜）です。日付が 1 日ずれていませんか？</translation>
    </message>
    <message>
        <source>date {date} appears twice (also on row {other})</source>
        <translation>日付 {date} が重複しています（{other} 行目にもあります）</translation>
    </message>
    <message>
        <source>no prices in the file</source>
        <translation>ファイルに価格がありません</translation>
    </message>
    <message>
        <source>the Price and Ticker header rows have different lengths</source>
        <translation>Price と Ticker の見出し行の長さが一致しません</translation>
    </message>
    <message>
        <source>no 'Close' or 'Adj Close' columns in the Price header row</source>
        <translation>Price の見出し行に 'Close' または 'Adj Close' の列がありません</translation>
    </message>
    <message>
        <source>expected a date column and at least one ticker column (or date,ticker,close)</source>
        <translation>日付の列と、少なくとも 1 つのティッカーの列（または date,ticker,close の形式）が必要です</translation>
    </message>
    <message>
        <source>{ticker} on {date} appears twice (also on row {other})</source>
        <translation>{date} の {ticker} が重複しています（{other} 行目にもあります）</translation>
    </message>
    <message>
        <source>no .csv files in this folder</source>
        <translation>このフォルダに .csv ファイルがありません</translation>
    </message>
    <message>
        <source>not a UTF-8 text file (save it as CSV UTF-8)</source>
        <translation>UTF-8 のテキストファイルではありません（「CSV UTF-8」形式で保存してください）</translation>
    </message>
    <message>
        <source>no data rows after the header</source>
        <translation>見出しの後にデータ行がありません</translation>
    </message>
    <message>
        <source>not a valid CSV table ({why})</source>
        <translation>有効な CSV の表ではありません（{why}）</translation>
    </message>
    <message>
        <source>cannot read file ({why})</source>
        <translation>ファイルを読み取れません（{why}）</translation>
    </message>
    <message>
        <source>row {row}, {column}</source>
        <translation>{row} 行目、{column}</translation>
    </message>
    <message>
        <source>price {price} is not a positive number</source>
        <translation>価格 {price} が正の数ではありません</translation>
    </message>
    <message>
        <source>price {price} is outside the range of prices ({lo} to {hi})</source>
        <translation>価格 {price} が価格としてありうる範囲（{lo}〜{hi}）の外です</translation>
    </message>
    <message>
        <source>row {row}, column {col}</source>
        <translation>{row} 行目、{col} 列目</translation>
    </message>
    <message>
        <source>date {date} is far before the rest of the data (which starts {rest}); a typo?</source>
        <translation>日付 {date} がほかのデータ（{rest} から始まります）よりはるかに前です。入力ミスではありませんか？</translation>
    </message>
    <message>
        <source>date {date} is far after the rest of the data (which ends {rest}); a typo?</source>
        <translation>日付 {date} がほかのデータ（{rest} で終わります）よりはるかに後です。入力ミスではありませんか？</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>{row} 行目</translation>
    </message>
    <message>
        <source>ticker {ticker} has two columns ({first} and {second})</source>
        <translation>ティッカー {ticker} の列が 2 つあります（{first} 列目と {second} 列目）</translation>
    </message>
    <message>
        <source>a long table needs a 'date' column</source>
        <translation>縦長形式の表には 'date' 列が必要です</translation>
    </message>
    <message>
        <source>ticker {ticker} is also in {other}; keep one file per ticker</source>
        <translation>ティッカー {ticker} は {other} にもあります。1 つのティッカーは 1 つのファイルにまとめてください</translation>
    </message>
    <message>
        <source>ignored {n} ticker(s) not in your universe: {tickers} and {more} more (add them as custom tickers to use them)</source>
        <translation>投資ユニバースにないティッカー {n} 件を無視しました: {tickers} ほか {more} 件（使うにはカスタムティッカーとして追加してください）</translation>
    </message>
    <message>
        <source>ignored {n} ticker(s) not in your universe: {tickers} (add them as custom tickers to use them)</source>
        <translation>投資ユニバースにないティッカー {n} 件を無視しました: {tickers}（使うにはカスタムティッカーとして追加してください）</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} は数値ではありません</translation>
    </message>
    <message>
        <source>--tickers: empty ticker</source>
        <translation>ティッカーが空です</translation>
    </message>
    <message>
        <source>--tickers: {ticker} is not a valid Yahoo ticker</source>
        <translation>{ticker} は有効な Yahoo ティッカーではありません</translation>
    </message>
    <message>
        <source>simulated sample</source>
        <translation>シミュレーションのサンプル</translation>
    </message>
    <message>
        <source>Yahoo Finance (cached)</source>
        <translation>Yahoo!ファイナンス（キャッシュ）</translation>
    </message>
    <message>
        <source>{source}: no prices</source>
        <translation>{source}：価格がありません</translation>
    </message>
    <message>
        <source>{source} has no prices for {tickers}</source>
        <translation>{source}には{tickers}の価格がありません</translation>
    </message>
    <message>
        <source>{source}: no prices between {start} and {end}</source>
        <translation>{source}：{start}から{end}までの価格がありません</translation>
    </message>
    <message>
        <source>{source} has no prices for {tickers} (add them by fetching from Yahoo Finance or importing a CSV)</source>
        <translation>{source}には{tickers}の価格がありません（Yahoo!ファイナンスから取得するか、CSVを取り込んで追加してください）</translation>
    </message>
    <message>
        <source>the start</source>
        <translation>期間の最初</translation>
    </message>
    <message>
        <source>the end</source>
        <translation>期間の最後</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>日次</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>週次</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>月次</translation>
    </message>
    <message>
        <source>no assets selected</source>
        <translation>銘柄が選ばれていません</translation>
    </message>
    <message>
        <source>{source}: no price history for {tickers}</source>
        <translation>{source}：{tickers}の価格履歴がありません</translation>
    </message>
    <message>
        <source>only {n} {freq} returns are common to all assets (need at least {need}); the shortest history is {ticker} from {first}</source>
        <translation>全銘柄に共通する {freq} のリターンは {n} 期間しかありません（{need} 期間以上必要）。最も短い履歴は {ticker} の {first} からです</translation>
    </message>
    <message>
        <source>only {n} {freq} returns are common to all assets (need at least {need}); the shortest history is {ticker} from nowhere</source>
        <translation>全銘柄に共通する {freq} のリターンは {n} 期間しかありません（{need} 期間以上必要）。最も短い履歴は {ticker} で、価格がありません</translation>
    </message>
    <message>
        <source>frequency {value} must be daily, weekly or monthly</source>
        <translation>頻度 {value} は daily、weekly、monthly のいずれかにしてください</translation>
    </message>
    <message>
        <source>the bundled offline sample cannot be read ({problem}); reinstall Allocator</source>
        <translation>同梱のオフライン用サンプルを読み取れません（{problem}）。Allocator を再インストールしてください</translation>
    </message>
    <message>
        <source>unknown data source {spec}; use sample, cache, yahoo or csv:PATH</source>
        <translation>不明なデータソース {spec} です。sample、cache、yahoo、csv:PATH のいずれかを使ってください</translation>
    </message>
    <message>
        <source>Yahoo Finance gave no prices for {tickers}</source>
        <translation>Yahoo Finance から {tickers} の価格を取得できませんでした</translation>
    </message>
    <message>
        <source>--data: expected text, got {kind}</source>
        <translation>データソースは文字列で指定してください（入力の型: {kind}）</translation>
    </message>
    <message>
        <source>{file}: no prices for {tickers} in the CSV data; it holds {held}</source>
        <translation>{file}: CSV データに {tickers} の価格がありません。含まれているのは {held} です</translation>
    </message>
    <message>
        <source>cannot reach Yahoo Finance</source>
        <translation>Yahoo Finance に接続できません</translation>
    </message>
    <message>
        <source>Yahoo Finance gave no prices for {tickers}: {why}</source>
        <translation>Yahoo Finance から {tickers} の価格を取得できませんでした: {why}</translation>
    </message>
    <message>
        <source>--data csv:PATH needs a file or folder after 'csv:'</source>
        <translation>CSV データソースには 'csv:' の後にファイルかフォルダーが必要です</translation>
    </message>
    <message>
        <source>{file}: no prices for {tickers} in the CSV data (of {n} asked for); it holds {held}</source>
        <translation>{file}: CSV データに {tickers} の価格がありません（要求した {n} 銘柄のうち）。含まれているのは {held} です</translation>
    </message>
    <message>
        <source>Yahoo Finance has no market capitalisation for it</source>
        <translation>Yahoo Finance にこの銘柄の時価総額がありません</translation>
    </message>
    <message>
        <source>quoted in {currency}; only USD and JPY are supported</source>
        <translation>{currency} 建てです。対応しているのは USD と JPY だけです</translation>
    </message>
    <message>
        <source>quoted in an unknown currency; only USD and JPY are supported</source>
        <translation>通貨が不明です。対応しているのは USD と JPY だけです</translation>
    </message>
    <message>
        <source>no set of lots keeps the cash from going negative (the MIP solver found none)</source>
        <translation>現金をマイナスにしない単元株の組み合わせがありません（MIP ソルバーが見つけられませんでした）</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>ticker</source>
        <translation>ティッカー</translation>
    </message>
    <message>
        <source>the file is {size} MB; allocation files are at most {most} MB - this is not an allocation file</source>
        <translation>ファイルのサイズが {size} MB あります。配分ファイルは最大 {most} MB です — 配分ファイルではありません</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>真偽値</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>{what} - the result contradicts its own settings or weights; re-run the optimisation</source>
        <translation>{what} — 結果がその設定または比率と矛盾しています。最適化をやり直してください</translation>
    </message>
    <message>
        <source>is a folder; choose a file name</source>
        <translation>フォルダです。ファイル名を指定してください</translation>
    </message>
    <message>
        <source>{why}; any previous file is unchanged</source>
        <translation>{why}。既存のファイルは変更されていません</translation>
    </message>
    <message>
        <source>must be an object, got {kind}</source>
        <translation>オブジェクトでなければなりません（{kind}が入っています）</translation>
    </message>
    <message>
        <source>must be a number, got {kind} {value}</source>
        <translation>数値でなければなりません（{kind} {value} が入っています）</translation>
    </message>
    <message>
        <source>must be a finite number, got {value}</source>
        <translation>有限の数値でなければなりません（{value} が入っています）</translation>
    </message>
    <message>
        <source>{value} is below {lo}{what}</source>
        <translation>{value} は下限 {lo} を下回っています{what}</translation>
    </message>
    <message>
        <source>{value} is above {hi}{what}</source>
        <translation>{value} は上限 {hi} を上回っています{what}</translation>
    </message>
    <message>
        <source>must be text, got {kind} {value}</source>
        <translation>テキストでなければなりません（{kind} {value} が入っています）</translation>
    </message>
    <message>
        <source>is {n} characters long; at most {most} are allowed</source>
        <translation>{n} 文字あります。最大 {most} 文字までです</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>空にはできません</translation>
    </message>
    <message>
        <source>must be one of {choices}, got {value}</source>
        <translation>{choices} のいずれかでなければなりません（{value} が入っています）</translation>
    </message>
    <message>
        <source>must define at least one theme</source>
        <translation>テーマを少なくとも 1 つ定義してください</translation>
    </message>
    <message>
        <source>must be a list, got {kind}</source>
        <translation>リストでなければなりません（{kind}が入っています）</translation>
    </message>
    <message>
        <source>must list at least one asset</source>
        <translation>資産を少なくとも 1 つ挙げてください</translation>
    </message>
    <message>
        <source>has {n} assets; at most {most} are supported</source>
        <translation>資産が {n} 件あります。扱えるのは最大 {most} 件です</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>空です</translation>
    </message>
    <message>
        <source> (weights are fractions between 0 and 1)</source>
        <translation>（比率は 0〜1 の小数で表します）</translation>
    </message>
    <message>
        <source>weights sum to {total}, not 1 (fractions: 0.25 means 25%)</source>
        <translation>比率の合計が 1 ではなく {total} です（小数で表します: 0.25 は 25%）</translation>
    </message>
    <message>
        <source>{value} is not settings.base_currency {base}</source>
        <translation>{value} は「settings.base_currency」の {base} と一致しません</translation>
    </message>
    <message>
        <source>{value} is not result.metrics.expected_return {want}</source>
        <translation>{value} は「result.metrics.expected_return」の {want} と一致しません</translation>
    </message>
    <message>
        <source>{value} is not result.metrics.volatility {want}</source>
        <translation>{value} は「result.metrics.volatility」の {want} と一致しません</translation>
    </message>
    <message>
        <source>must be a whole number, got {kind} {value}</source>
        <translation>整数でなければなりません（{kind} {value} が入っています）</translation>
    </message>
    <message>
        <source>this file is format version {v}, written by a newer Allocator; this app supports version {supported} and older - update Allocator to open it</source>
        <translation>このファイルは新しい Allocator で書かれた形式バージョン {v} です。このアプリが読めるのはバージョン {supported} 以前です — 開くには Allocator を更新してください</translation>
    </message>
    <message>
        <source>allocation file</source>
        <translation>配分ファイル</translation>
    </message>
    <message>
        <source>cannot save: the folder {folder} does not exist</source>
        <translation>保存できません: フォルダ「{folder}」がありません</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>ありません（必須の項目です）</translation>
    </message>
    <message>
        <source>is not valid Unicode text (character {n} is a lone surrogate - bytes that were not UTF-8?); retype it or save it as UTF-8</source>
        <translation>有効な Unicode テキストではありません（{n} 文字目が単独のサロゲートです — UTF-8 ではないバイト列かもしれません）。入力し直すか、UTF-8 で保存してください</translation>
    </message>
    <message>
        <source>{value} is not an ISO date (YYYY-MM-DD)</source>
        <translation>{value} は ISO 形式の日付（YYYY-MM-DD）ではありません</translation>
    </message>
    <message>
        <source>{value} is not an ISO-8601 timestamp (e.g. 2025-01-31T09:30:00+00:00)</source>
        <translation>{value} は ISO-8601 形式の日時（例: 2025-01-31T09:30:00+00:00）ではありません</translation>
    </message>
    <message>
        <source>unknown {what} {key}</source>
        <translation>不明な{what} {key}</translation>
    </message>
    <message>
        <source>theme keys must be lower-case letters, digits and underscores, starting with a letter</source>
        <translation>テーマのキーは英小文字で始まり、英小文字・数字・アンダースコアだけで書いてください</translation>
    </message>
    <message>
        <source>duplicate ticker {ticker}</source>
        <translation>ティッカー {ticker} が重複しています</translation>
    </message>
    <message>
        <source>unknown theme {theme} (not in settings.universe.themes)</source>
        <translation>不明なテーマ {theme}（「settings.universe.themes」にありません）</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>true か false でなければなりません</translation>
    </message>
    <message>
        <source>must be a ratio, 'optimal' or 'LO:HI', got {kind}</source>
        <translation>比率、'optimal' または 'LO:HI' でなければなりません（{kind}が入っています）</translation>
    </message>
    <message>
        <source>cannot be used ({kind}: {why})</source>
        <translation>使用できません（{kind}: {why}）</translation>
    </message>
    <message>
        <source>the settings cannot all hold: {why}</source>
        <translation>設定をすべて同時に満たすことはできません: {why}</translation>
    </message>
    <message>
        <source>ticker {ticker} is not in settings.universe</source>
        <translation>ティッカー {ticker} は「settings.universe」にありません</translation>
    </message>
    <message>
        <source>must be a list of at most 100 texts</source>
        <translation>テキスト 100 件以内のリストでなければなりません</translation>
    </message>
    <message>
        <source>{rate} yen per dollar is not plausible</source>
        <translation>1 ドル {rate} 円はありえない為替レートです</translation>
    </message>
    <message>
        <source>{value} is above the cap settings.max_weight = {cap}</source>
        <translation>{value} は上限「settings.max_weight」= {cap} を超えています</translation>
    </message>
    <message>
        <source>the weights give theme {theme} {got}, off its target {band}</source>
        <translation>比率から計算したテーマ {theme} は {got} で、目標 {band} から外れています</translation>
    </message>
    <message>
        <source>the weights give {country} {got}, outside {lo}:{hi}</source>
        <translation>比率から計算した {country} は {got} で、{lo}:{hi} の範囲外です</translation>
    </message>
    <message>
        <source>{value} is outside the hedge setting {hedge}</source>
        <translation>{value} は為替ヘッジの設定 {hedge} の範囲外です</translation>
    </message>
    <message>
        <source>{value} is not the hedge ratio {ratio} times the {currency} exposure {exposure}</source>
        <translation>{value} はヘッジ比率 {ratio} × {currency} エクスポージャー {exposure} と一致しません</translation>
    </message>
    <message>
        <source>{value} is not (expected_return - rf) / volatility = {want}</source>
        <translation>{value} は (expected_return - rf) / volatility = {want} と一致しません</translation>
    </message>
    <message>
        <source>{value} does not match the weights and result.asset_returns, which give {want}</source>
        <translation>{value} は比率と「result.asset_returns」から計算した {want} と一致しません</translation>
    </message>
    <message>
        <source>shares of variance sum to {total}, not 1</source>
        <translation>分散寄与の合計が 1 ではなく {total} です</translation>
    </message>
    <message>
        <source>format version {v} is not supported (this app reads versions {oldest} to {newest})</source>
        <translation>形式バージョン {v} には対応していません（このアプリが読めるのはバージョン {oldest}〜{newest} です）</translation>
    </message>
    <message>
        <source>upgrading from version {v} did not give an object</source>
        <translation>バージョン {v} からの変換結果がオブジェクトになりませんでした</translation>
    </message>
    <message>
        <source>must be a JSON object, got {kind}</source>
        <translation>JSON オブジェクトでなければなりません（{kind}が入っています）</translation>
    </message>
    <message>
        <source>must be {format} - this is not an allocation file (got {value})</source>
        <translation>{format} でなければなりません — 配分ファイルではありません（{value} が入っています）</translation>
    </message>
    <message>
        <source>is nested too deeply</source>
        <translation>入れ子が深すぎます</translation>
    </message>
    <message>
        <source>{why} - not an allocation file</source>
        <translation>{why} — 配分ファイルではありません</translation>
    </message>
    <message>
        <source>cannot save: no permission to write in {folder} (choose another folder or check its permissions)</source>
        <translation>保存できません: 「{folder}」に書き込む権限がありません（別のフォルダを選ぶか、アクセス権を確認してください）</translation>
    </message>
    <message>
        <source>unknown field (known: {known})</source>
        <translation>不明な項目です（使える項目: {keys}）</translation>
    </message>
    <message>
        <source>is nested more than {n} levels deep</source>
        <translation>入れ子が {n} 段を超えています</translation>
    </message>
    <message>
        <source>must be [low, high], got {value}</source>
        <translation>[下限, 上限] でなければなりません（{value} が入っています）</translation>
    </message>
    <message>
        <source>the lower bound {lo} is above the upper bound {hi}</source>
        <translation>下限 {lo} が上限 {hi} を上回っています</translation>
    </message>
    <message>
        <source>must give a positive weight to at least one asset</source>
        <translation>少なくとも 1 つの資産に正の比率を与えてください</translation>
    </message>
    <message>
        <source>a {source} reference needs its weights</source>
        <translation>基準ポートフォリオ {source} には比率が必要です</translation>
    </message>
    <message>
        <source>must be above 0 (a confidence in (0, 1])</source>
        <translation>0 より大きくなければなりません（確信度は 0 超 1 以下）</translation>
    </message>
    <message>
        <source>{value} is not a plausible price (a close lies between {lo} and {hi})</source>
        <translation>{value} はありえない価格です（終値は {lo}〜{hi} の範囲です）</translation>
    </message>
    <message>
        <source>{value} does not match the asset's currency {currency}</source>
        <translation>{value} は資産の通貨 {currency} と一致しません</translation>
    </message>
    <message>
        <source>{value} does not match the weights, which give {want}</source>
        <translation>{value} は比率から計算した {want} と一致しません</translation>
    </message>
    <message>
        <source>{value} is not the sum of its parts {parts}</source>
        <translation>{value} は内訳の合計 {parts} と一致しません</translation>
    </message>
    <message>
        <source>cannot upgrade this version-{v} file ({kind}: {why})</source>
        <translation>このバージョン {v} のファイルを変換できません（{kind}: {why}）</translation>
    </message>
    <message>
        <source>{why} (line {line})</source>
        <translation>{why}（{line} 行目）</translation>
    </message>
    <message>
        <source>cannot save: {folder} is on a read-only file system</source>
        <translation>保存できません: 「{folder}」は読み取り専用のファイルシステムにあります</translation>
    </message>
    <message>
        <source>theme {theme} is not in settings.universe</source>
        <translation>テーマ {theme} は「settings.universe」にありません</translation>
    </message>
    <message>
        <source>the {key} of its rows sum to {sum}, not the total {total}</source>
        <translation>各行の {key} の合計が {sum} で、合計値 {total} と一致しません</translation>
    </message>
    <message>
        <source>cannot save: the disk is full</source>
        <translation>保存できません: ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>documents in memory are version {version}; got {got}</source>
        <translation>メモリ上の文書はバージョン {version} ですが、{got} でした</translation>
    </message>
    <message>
        <source>cannot save: {folder} is not a folder</source>
        <translation>保存できません: 「{folder}」はフォルダではありません</translation>
    </message>
    <message>
        <source>cannot save ({why})</source>
        <translation>保存できません（{why}）</translation>
    </message>
    <message>
        <source>must be plain JSON data, got {kind}</source>
        <translation>通常の JSON データでなければなりません（{kind}が入っています）</translation>
    </message>
    <message>
        <source>{file}: {where}: {message}</source>
        <translation>{file}: {where}: {message}</translation>
    </message>
    <message>
        <source>{file}: {path}: {message}</source>
        <translation>{file}: 項目「{path}」: {message}</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <source>{path}: {message}</source>
        <translation>項目「{path}」: {message}</translation>
    </message>
    <message>
        <source>EWMA half-life must be positive</source>
        <translation>EWMA の半減期は正の値にしてください</translation>
    </message>
    <message>
        <source>at least two return periods are needed for a covariance</source>
        <translation>共分散の推定には少なくとも 2 期間のリターンが必要です</translation>
    </message>
    <message>
        <source>{t} return periods for {n} assets and hedges; it needs more periods than dimensions</source>
        <translation>リターンが {t} 期間しかなく、銘柄とヘッジ手段は {n} 個です。次元数より多い期間が必要です</translation>
    </message>
    <message>
        <source>some series are linear combinations of others</source>
        <translation>一部の系列が他の系列の線形結合になっています</translation>
    </message>
    <message>
        <source>--cov sample: the sample covariance is singular ({why}); use --cov ledoit-wolf (shrinkage), a longer window or fewer assets</source>
        <translation>標本共分散行列が特異です（{why}）。共分散の推定を Ledoit–Wolf（縮小推定）にするか、期間を長くするか、銘柄を減らしてください</translation>
    </message>
    <message>
        <source>estimator {value} is not one of: {choices}</source>
        <translation>推定方法 {value} は次のいずれでもありません: {choices}</translation>
    </message>
    <message>
        <source>--capital must be a positive amount in the base currency (e.g. 100000), got {capital}</source>
        <translation>投資額は基準通貨の正の金額で指定してください（例: 100000、入力: {capital}）</translation>
    </message>
    <message>
        <source>--capital must be an amount in the base currency, got {capital}</source>
        <translation>投資額は基準通貨の金額で指定してください（入力: {capital}）</translation>
    </message>
    <message>
        <source>{where}: the ticker is empty</source>
        <translation>{where}: ティッカーが空です</translation>
    </message>
    <message>
        <source>{where}: {ticker} is not a ticker (Yahoo symbols like NVDA or 7203.T)</source>
        <translation>{where}: {ticker} はティッカーではありません（NVDA や 7203.T のような Yahoo のシンボル）</translation>
    </message>
    <message>
        <source>{where}: {what} {value} is not a number</source>
        <translation>{where}: {what} の {value} は数値ではありません</translation>
    </message>
    <message>
        <source>{where}: {what} {value} is not a finite number</source>
        <translation>{where}: {what} の {value} は有限の数値ではありません</translation>
    </message>
    <message>
        <source>{where}: shares {value} is negative (list what you own; short positions are not supported)</source>
        <translation>{where}: 株数 {value} が負の値です（保有している銘柄を記入してください。空売りには対応していません）</translation>
    </message>
    <message>
        <source>{where}: shares {value} is not a plausible holding</source>
        <translation>{where}: 株数 {value} は保有数としてありえない値です</translation>
    </message>
    <message>
        <source>{where}: Tokyo shares must be whole, got {value}</source>
        <translation>{where}: 東証の株数は整数でなければなりません（{value}）</translation>
    </message>
    <message>
        <source>{where}: currency {currency} must be one of {choices}</source>
        <translation>{where}：通貨 {currency} は {choices} のいずれかにしてください</translation>
    </message>
    <message>
        <source>{where}: cash {value} is negative</source>
        <translation>{where}: 現金 {value} が負の値です</translation>
    </message>
    <message>
        <source>{where}: cash {value} is not a plausible amount</source>
        <translation>{where}: 現金 {value} は金額としてありえない値です</translation>
    </message>
    <message>
        <source>holdings file</source>
        <translation>保有銘柄ファイル</translation>
    </message>
    <message>
        <source>{source}: row {row}</source>
        <translation>{source}: {row}行目</translation>
    </message>
    <message>
        <source>{source}: the file is empty (expected a header ticker,shares and one row per holding)</source>
        <translation>{source}: ファイルが空です（見出し行 ticker,shares と、保有銘柄ごとに1行が必要です）</translation>
    </message>
    <message>
        <source>--holdings needs prices to value them; use --data instead of --assumptions</source>
        <translation>保有銘柄の評価には価格が必要です。前提条件ファイルではなく価格データを使ってください</translation>
    </message>
    <message>
        <source>the holdings and cash are worth nothing: give --cash or holdings of the universe's assets</source>
        <translation>保有銘柄と現金の評価額がゼロです。現金か、ユニバースの銘柄の保有を入力してください</translation>
    </message>
    <message>
        <source>{what} must be an object with positions and cash</source>
        <translation>{what} は positions と cash を持つオブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>{what}.{field} is not a known field (positions, cash)</source>
        <translation>{what}.{field} は不明な項目です（positions, cash）</translation>
    </message>
    <message>
        <source>{what}.positions must be an object {{ticker: shares}}</source>
        <translation>{what}.positions は {{ticker: shares}}（ティッカー: 株数）のオブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>{what}.cash must be an object {{currency: amount}}</source>
        <translation>{what}.cash は {{currency: amount}}（通貨: 金額）のオブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>--cash {text}: expected CCY=AMOUNT, e.g. JPY=500000</source>
        <translation>現金 {text}: 通貨=金額 の形で指定してください（例: JPY=500000）</translation>
    </message>
    <message>
        <source>--cash {ccy} is given twice</source>
        <translation>{ccy} の現金が二度指定されています</translation>
    </message>
    <message>
        <source>{path}: the holdings file is not UTF-8 text (save it as CSV UTF-8)</source>
        <translation>{path}: 保有銘柄ファイルが UTF-8 のテキストではありません（CSV UTF-8 で保存してください）</translation>
    </message>
    <message>
        <source>{where}: {ticker}</source>
        <translation>{where}: {ticker}</translation>
    </message>
    <message>
        <source>{source}: row {row}: not valid CSV ({problem})</source>
        <translation>{source}: {row}行目: CSV として正しくありません（{problem}）</translation>
    </message>
    <message>
        <source>{source}: {ticker}: no price to value the holding</source>
        <translation>{source}: {ticker}: 保有額を評価する価格がありません</translation>
    </message>
    <message>
        <source>{source}: {ticker}: no USD/JPY rate to value the holding</source>
        <translation>{source}: {ticker}: 保有額を評価するドル円レートがありません</translation>
    </message>
    <message>
        <source>cash {currency}: no USD/JPY rate to convert it to {base}</source>
        <translation>現金 {currency}: {base} に換算するドル円レートがありません</translation>
    </message>
    <message>
        <source>--costs needs --holdings (costs are paid on the trades from what you hold)</source>
        <translation>取引コストには保有銘柄が必要です（コストは現在の保有からの売買にかかります）</translation>
    </message>
    <message>
        <source>{source}: more than {limit} rows is not a holdings file</source>
        <translation>{source}: {limit} 行を超えるファイルは保有銘柄ファイルではありません</translation>
    </message>
    <message>
        <source>{where}: has {cells} cells but the header has {columns} columns (a stray separator? quote values that contain one)</source>
        <translation>{where}: セルが {cells} 個ありますが、見出しは {columns} 列です（余分な区切り文字？ 区切り文字を含む値は引用符で囲んでください）</translation>
    </message>
    <message>
        <source>{where}: {ticker} is listed twice (first on row {first}); give one row per ticker</source>
        <translation>{where}: {ticker} が2回記載されています（最初は{first}行目）。ティッカーごとに1行にしてください</translation>
    </message>
    <message>
        <source>{where}: {ticker}: the shares cell is empty</source>
        <translation>{where}: {ticker}: 株数のセルが空です</translation>
    </message>
    <message>
        <source>{source}: row {row}: the header must name the columns ticker and shares (missing {missing}); got {got}</source>
        <translation>{source}: {row}行目: 見出し行には ticker と shares の列が必要です（{missing} がありません）。読み取った見出し:「{got}」</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>値がありません</translation>
    </message>
    <message>
        <source>Expecting ',' delimiter</source>
        <translation>区切りの ',' がありません</translation>
    </message>
    <message>
        <source>Expecting ':' delimiter</source>
        <translation>区切りの ':' がありません</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>二重引用符で囲んだ項目名がありません</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>文字列が閉じられていません</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>余分なデータがあります</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>無効な制御文字があります</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>無効なエスケープ (\) があります</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <translation>オブジェクトの末尾に余分なカンマがあります</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <translation>配列の末尾に余分なカンマがあります</translation>
    </message>
    <message>
        <source>nested more than {n} levels deep</source>
        <translation>入れ子が {n} 段を超えています</translation>
    </message>
    <message>
        <source>{value} is not allowed (numbers must be finite)</source>
        <translation>{value} は使えません（数値は有限でなければなりません）</translation>
    </message>
    <message>
        <source>{value} is too large (numbers must be finite)</source>
        <translation>{value} は大きすぎます（数値は有限でなければなりません）</translation>
    </message>
    <message>
        <source>not valid JSON: {why} at line {line} column {column}</source>
        <translation>正しい JSON ではありません: {line} 行 {column} 列目で{why}</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>入れ子が深すぎます</translation>
    </message>
    <message>
        <source>not a UTF-8 text file (bad byte at offset {offset})</source>
        <translation>UTF-8 のテキストファイルではありません（オフセット {offset} に不正なバイト）</translation>
    </message>
    <message>
        <source>contains a lone surrogate escape (\ud800-\udfff); this is not valid Unicode text</source>
        <translation>単独のサロゲートのエスケープ（\ud800-\udfff）を含んでいます。有効な Unicode テキストではありません</translation>
    </message>
    <message>
        <source>{value}... ({n} digits) is too large (numbers must be finite)</source>
        <translation>{value}...（{n} 桁）は大きすぎます（数値は有限でなければなりません）</translation>
    </message>
    <message>
        <source>not valid JSON: {why} at line {line} column {column} (the file looks truncated)</source>
        <translation>正しい JSON ではありません: {line} 行 {column} 列目で{why}（ファイルが途中で切れているようです）</translation>
    </message>
    <message>
        <source>duplicate key {key} (JSON would keep only the last value)</source>
        <translation>キー {key} が重複しています（JSON では最後の値しか残りません）</translation>
    </message>
    <message>
        <source>a key contains a lone surrogate escape (\ud800-\udfff); this is not valid Unicode text</source>
        <translation>キーに単独のサロゲートのエスケープ（\ud800-\udfff）が含まれています。有効な Unicode テキストではありません</translation>
    </message>
    <message>
        <source>bundled (approximate)</source>
        <translation>同梱（概算）</translation>
    </message>
    <message>
        <source>{source} as of {date}</source>
        <translation>{source}（{date}時点）</translation>
    </message>
    <message>
        <source>{a}; {b}</source>
        <translation>{a}、{b}</translation>
    </message>
    <message>
        <source>market capitalisations: {sources}; USD/JPY {rate}</source>
        <translation>時価総額：{sources}、ドル円 {rate}</translation>
    </message>
    <message>
        <source>expected returns: {k} values for {n} assets</source>
        <translation>期待リターン: {n} 銘柄に対して値が {k} 個です</translation>
    </message>
    <message>
        <source>covariance must be {d}x{d}, got {r}x{c}</source>
        <translation>共分散行列は {d}×{d} である必要がありますが、{r}×{c} です</translation>
    </message>
    <message>
        <source>expected returns and covariance must be finite numbers</source>
        <translation>期待リターンと共分散は有限の数値である必要があります</translation>
    </message>
    <message>
        <source>unknown theme {theme}; themes in this universe: {themes}</source>
        <translation>不明なテーマ {theme} です。このユニバースのテーマ: {themes}</translation>
    </message>
    <message>
        <source>unknown country {country}; use US or JP</source>
        <translation>不明な国 {country} です。US か JP を指定してください</translation>
    </message>
    <message>
        <source>country {country} &gt;= {lo} contradicts the theme targets and cap, which allow at most {most} in {country}</source>
        <translation>国{country} ≧ {lo}はテーマ目標と上限に矛盾します（{country}には最大{most}まで）</translation>
    </message>
    <message>
        <source>country {country} &lt;= {hi} contradicts the theme targets, which put at least {least} in {country} ({forcing})</source>
        <translation>国{country} ≦ {hi}はテーマ目標に矛盾します（テーマ目標により{country}に最低{least}が入ります：{forcing}）</translation>
    </message>
    <message>
        <source>country {country} &lt;= {hi} contradicts the theme targets, which put at least {least} in {country}</source>
        <translation>国{country} ≦ {hi}はテーマ目標に矛盾します（テーマ目標により{country}に最低{least}が入ります）</translation>
    </message>
    <message>
        <source>--points must be at least 2</source>
        <translation>--points は 2 以上にしてください</translation>
    </message>
    <message>
        <source>the factor risk model does not reproduce the model's covariance</source>
        <translation>ファクター・リスクモデルがモデルの共分散行列を再現していません</translation>
    </message>
    <message>
        <source>current weights name {ticker}, which is not in the model</source>
        <translation>現在のウェイトに {ticker} がありますが、この銘柄はモデルに含まれていません</translation>
    </message>
    <message>
        <source>max turnover {turnover} is too low: reaching these constraints from the current holdings trades at least {need} of the portfolio</source>
        <translation>最大売買回転率 {turnover} は低すぎます: 現在の保有からこの制約を満たすには、ポートフォリオの少なくとも {need} を売買する必要があります</translation>
    </message>
    <message>
        <source>target return {target} is above the highest reachable {top} under these constraints</source>
        <translation>目標リターン{target}は、この制約のもとで達成可能な最高値{top}を上回っています</translation>
    </message>
    <message>
        <source>target volatility {target} is below the lowest reachable {low} under these constraints</source>
        <translation>目標ボラティリティ{target}は、この制約のもとで達成可能な最低値{low}を下回っています</translation>
    </message>
    <message>
        <source>no portfolio earns more than the risk-free rate ({rf}) under these constraints; max Sharpe is undefined - choose min variance or lower --rf</source>
        <translation>この制約のもとでは無リスク金利（{rf}）を上回るポートフォリオがないため、最大シャープレシオは定義できません。最小分散を選ぶか、無リスク金利を下げてください</translation>
    </message>
    <message>
        <source>no portfolio's expected return covers the risk-free rate ({rf}) and the cost of getting there from the current holdings; max Sharpe net of costs is undefined - lower --costs or choose max utility</source>
        <translation>現在の保有から移行する取引コストと無リスク金利（{rf}）をともに上回る期待リターンのポートフォリオがないため、コスト控除後の最大シャープレシオは定義できません。--costs を下げるか、効用最大化を選んでください</translation>
    </message>
    <message>
        <source>the covariance matrix is not positive definite even after repair</source>
        <translation>共分散行列は補正後も正定値になりません</translation>
    </message>
    <message>
        <source>the optimiser could not solve this problem numerically (tried {solvers}); try looser constraints, a shrunk covariance (--cov ledoit-wolf) or a longer window{detail}</source>
        <translation>最適化ソルバーがこの問題を数値的に解けませんでした（試したソルバー: {solvers}）。制約を緩める、縮小推定した共分散（--cov ledoit-wolf）を使う、または推定期間を長くしてください{detail}</translation>
    </message>
    <message>
        <source>the target must be a finite number</source>
        <translation>目標値は有限の数値で指定してください</translation>
    </message>
    <message>
        <source>no portfolio earns more than the risk-free rate under these constraints</source>
        <translation>この制約のもとでは無リスク金利を上回るポートフォリオがありません</translation>
    </message>
    <message>
        <source>the constraints cannot all hold at once</source>
        <translation>制約をすべて同時に満たすことはできません</translation>
    </message>
    <message>
        <source>the problem is unbounded</source>
        <translation>最適化問題が有界ではありません</translation>
    </message>
    <message>
        <source>{what} must be between {lo} and {hi} (a fraction: 0.25 means 25%), got {value}</source>
        <translation>{what}は {lo} から {hi} の間で指定してください（小数で指定: 0.25 は 25%）。入力値: {value}</translation>
    </message>
    <message>
        <source>{what} {value} is out of range (annual fraction, e.g. {example})</source>
        <translation>{what} {value} は範囲外です（年率を小数で指定、例: {example}）</translation>
    </message>
    <message>
        <source>hedge ratio</source>
        <translation>為替ヘッジ比率</translation>
    </message>
    <message>
        <source>theme tolerance</source>
        <translation>テーマ目標の許容幅</translation>
    </message>
    <message>
        <source>max weight</source>
        <translation>最大ウェイト</translation>
    </message>
    <message>
        <source>objective {value} must be one of {choices}</source>
        <translation>目的関数 {value} は次のいずれかにしてください: {choices}</translation>
    </message>
    <message>
        <source>{what} must be a number, got {value}</source>
        <translation>{what}は数値で指定してください（入力値: {value}）</translation>
    </message>
    <message>
        <source>hedge band lower end</source>
        <translation>ヘッジ比率の幅の下限</translation>
    </message>
    <message>
        <source>hedge band upper end</source>
        <translation>ヘッジ比率の幅の上限</translation>
    </message>
    <message>
        <source>theme target {theme}</source>
        <translation>テーマ {theme} の目標配分</translation>
    </message>
    <message>
        <source>max weight must be above 0</source>
        <translation>最大ウェイトは 0 より大きくしてください</translation>
    </message>
    <message>
        <source>country {country} lower bound</source>
        <translation>国 {country} の下限</translation>
    </message>
    <message>
        <source>country {country} upper bound</source>
        <translation>国 {country} の上限</translation>
    </message>
    <message>
        <source>current weight of {ticker}</source>
        <translation>{ticker} の現在ウェイト</translation>
    </message>
    <message>
        <source>current weights sum to {total}, more than the whole portfolio</source>
        <translation>現在のウェイトの合計が {total} で、ポートフォリオ全体を超えています</translation>
    </message>
    <message>
        <source>max turnover</source>
        <translation>最大売買回転率</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目標値</translation>
    </message>
    <message>
        <source>0.12 for 12%</source>
        <translation>12% なら 0.12</translation>
    </message>
    <message>
        <source>risk aversion must be a positive number (typical: 1 to 10)</source>
        <translation>リスク回避度は正の数で指定してください（目安: 1〜10）</translation>
    </message>
    <message>
        <source>risk-free rate</source>
        <translation>無リスク金利</translation>
    </message>
    <message>
        <source>hedge band {text}: the lower end is above the upper end</source>
        <translation>ヘッジ比率の幅 {text}: 下限が上限を上回っています</translation>
    </message>
    <message>
        <source>country bound {country}={lo}:{hi}: the lower bound is above the upper bound</source>
        <translation>国別制約 {country}={lo}:{hi}: 下限が上限を上回っています</translation>
    </message>
    <message>
        <source>--objective {objective} needs --target (an annual fraction, e.g. 0.12)</source>
        <translation>--objective {objective} には --target（年率の小数、例: 0.12）が必要です</translation>
    </message>
    <message>
        <source>target volatility must be above 0</source>
        <translation>目標ボラティリティは 0 より大きくしてください</translation>
    </message>
    <message>
        <source>risk aversion must be a number, got {value}</source>
        <translation>リスク回避度は数値で指定してください（入力値: {value}）</translation>
    </message>
    <message>
        <source>country bound {country} must be LO:HI</source>
        <translation>国別制約 {country} は 下限:上限 の形で指定してください</translation>
    </message>
    <message>
        <source>target volatility {target} is above the highest volatility an efficient portfolio reaches under these constraints ({vol}): the result is the highest-return portfolio, at {vol}</source>
        <translation>目標ボラティリティ{target}は、この制約の下で効率的ポートフォリオが達する最大のボラティリティ（{vol}）を上回っています：結果は最高リターンのポートフォリオ（{vol}）です</translation>
    </message>
    <message>
        <source>target return {target} is below the return of the least-risk portfolio under these constraints ({ret}): the result is the minimum-variance portfolio, at {ret}</source>
        <translation>目標リターン{target}は、この制約の下で最小リスクのポートフォリオのリターン（{ret}）を下回っています：結果は最小分散ポートフォリオ（{ret}）です</translation>
    </message>
    <message>
        <source>{source} has no prices for any asset of the universe (it has {tickers}); add them as custom tickers first</source>
        <translation>{source} にはユニバースのどの銘柄の価格もありません（含まれるのは {tickers}）。先にカスタム銘柄として追加してください</translation>
    </message>
    <message>
        <source>{source} has prices for {have} of {total} assets; allocating across {tickers} (without {left} others)</source>
        <translation>{source}には{total}銘柄中{have}銘柄の価格があります。{tickers}に配分します（ほか{left}銘柄を除く）</translation>
    </message>
    <message>
        <source>{source} has prices for {have} of {total} assets; allocating across {tickers}</source>
        <translation>{source}には{total}銘柄中{have}銘柄の価格があります。{tickers}に配分します</translation>
    </message>
    <message>
        <source>{source}: {tickers} not in the universe (add them as custom tickers to use them)</source>
        <translation>{source}：{tickers}はユニバースにありません（使うにはカスタムティッカーとして追加してください）</translation>
    </message>
    <message>
        <source>fx_mean must be 'zero' or 'historical'</source>
        <translation>fx_mean は 'zero' か 'historical' を指定してください</translation>
    </message>
    <message>
        <source>the estimation window starts ({start}) after it ends ({end})</source>
        <translation>推定期間の開始日（{start}）が終了日（{end}）より後になっています</translation>
    </message>
    <message>
        <source>halflife must be a positive number of periods</source>
        <translation>半減期は正の期間数で指定してください</translation>
    </message>
    <message>
        <source>rate history must be the path of a CSV file (Date,USD,JPY)</source>
        <translation>金利履歴には CSV ファイル（Date,USD,JPY）のパスを指定してください</translation>
    </message>
    <message>
        <source>--max-turnover needs --holdings (the turnover is measured from what you hold)</source>
        <translation>--max-turnover には --holdings が必要です（売買回転率は現在の保有から測ります）</translation>
    </message>
    <message>
        <source>theme {theme} has no assets with data in {source}{members}; drop its target or add prices for them</source>
        <translation>テーマ{theme}には{source}にデータのある銘柄がありません{members}。目標を外すか、価格を追加してください</translation>
    </message>
    <message>
        <source>short rate {currency}={value} is out of range (annual fraction, e.g. 0.04)</source>
        <translation>{currency} の短期金利 {value} は範囲外です（年率を小数で指定、例: 0.04）</translation>
    </message>
    <message>
        <source>max turnover {value} must be between 0 and 2 (sum of |trades|, 0.3 means 30%)</source>
        <translation>最大売買回転率 {value} は 0 から 2 の間で指定してください（売買の絶対値の合計。0.3 は 30%）</translation>
    </message>
    <message>
        <source>short rate {currency} must be a number</source>
        <translation>{currency} の短期金利は数値で指定してください</translation>
    </message>
    <message>
        <source>max turnover must be a number, got {value}</source>
        <translation>最大売買回転率は数値で指定してください（入力値: {value}）</translation>
    </message>
    <message>
        <source>the data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source> (its assets: {tickers})</source>
        <translation>（構成銘柄: {tickers}）</translation>
    </message>
    <message>
        <source> (it has no assets)</source>
        <translation>（銘柄がありません）</translation>
    </message>
    <message>
        <source>no USD/JPY rate to convert {ccy} to {to}</source>
        <translation>{ccy} を {to} に換算する USD/JPY レートがありません</translation>
    </message>
    <message>
        <source>--min-trade must be an amount of at least 0 in {base}, got {value}</source>
        <translation>--min-trade は {base} 建てで 0 以上の金額でなければなりませんが、{value} です</translation>
    </message>
    <message>
        <source>the target names {ticker}, which is not in its universe</source>
        <translation>目標配分に、そのユニバースにない銘柄 {ticker} が含まれています</translation>
    </message>
    <message>
        <source>the holdings and cash are worth nothing: give --cash or a holdings file with positions</source>
        <translation>保有銘柄と現金の評価額が 0 です。--cash を指定するか、ポジションのある保有銘柄ファイルを指定してください</translation>
    </message>
    <message>
        <source>the target weights sum to {pct}</source>
        <translation>目標配分の比率の合計が {pct} です</translation>
    </message>
    <message>
        <source>no set of whole lots keeps every asset within one lot of its target with this cash; the closest set is shown</source>
        <translation>この現金では、すべての銘柄を目標から1単元以内に収める単元株の組み合わせがありません。最も近い組み合わせを表示しています</translation>
    </message>
    <message>
        <source>Kept as other (not in the target's universe, not traded): {tickers}.</source>
        <translation>その他として保持（目標配分のユニバース外のため売買しません）: {tickers}。</translation>
    </message>
    <message>
        <source>--costs needs --holdings (or --cash): costs are paid on the trades from what you hold</source>
        <translation>--costs には --holdings（または --cash）が必要です。取引コストは保有資産からの売買にかかります</translation>
    </message>
    <message>
        <source>no price for {ticker}: cannot size its trade (fetch prices or use --data)</source>
        <translation>{ticker} の価格がないため売買数量を決められません（価格を取得するか --data を使ってください）</translation>
    </message>
    <message>
        <source>no USD/JPY rate to price {ticker} in {base}</source>
        <translation>{ticker} を {base} 建てで評価する USD/JPY レートがありません</translation>
    </message>
    <message>
        <source>the trades would leave {ccy} cash negative ({amount}); this is a bug</source>
        <translation>売買後の {ccy} 現金がマイナスになります（{amount}）。これは不具合です</translation>
    </message>
    <message>
        <source>prices for {tickers} from {source}</source>
        <translation>{tickers} の価格は {source} から取得</translation>
    </message>
    <message>
        <source>{flag} {text}: expected CCY=AMOUNT</source>
        <translation>{flag} {text}: 通貨=金額 の形で指定してください</translation>
    </message>
    <message>
        <source>{file} stores no holdings: give --holdings HOLDINGS.csv</source>
        <translation>{file} には保有銘柄が保存されていません。--holdings HOLDINGS.csv を指定してください</translation>
    </message>
    <message>
        <source>{flag} needs a file name</source>
        <translation>{flag} にはファイル名が必要です</translation>
    </message>
    <message>
        <source>must be an object, got {kind} {value}</source>
        <translation>オブジェクトでなければなりません（{kind} {value} が入っています）</translation>
    </message>
    <message>
        <source>must be a list, got {kind} {value}</source>
        <translation>リストでなければなりません（{kind} {value} が入っています）</translation>
    </message>
    <message>
        <source>must be true or false, got {value}</source>
        <translation>true か false でなければなりません（{value} が入っています）</translation>
    </message>
    <message>
        <source>must be above {lo}, got {value}</source>
        <translation>{lo} より大きくなければなりません（{value} が入っています）</translation>
    </message>
    <message>
        <source>must have at least {n} entries</source>
        <translation>少なくとも {n} 件必要です</translation>
    </message>
    <message>
        <source>has {n} entries; at most {most} are allowed</source>
        <translation>{n} 件あります。最大 {most} 件までです</translation>
    </message>
    <message>
        <source>is too long (at most {most} characters)</source>
        <translation>長すぎます（最大 {most} 文字）</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>不明な項目です</translation>
    </message>
    <message>
        <source>unknown key {key} - {why}</source>
        <translation>不明なキー {key} — {why}</translation>
    </message>
    <message>
        <source>unknown theme {theme}; known themes: {known}</source>
        <translation>不明なテーマ {theme}。既存のテーマ：{known}</translation>
    </message>
    <message>
        <source>asset {ticker}</source>
        <translation>銘柄 {ticker}</translation>
    </message>
    <message>
        <source>{where}: ticker {ticker} is not a valid Yahoo ticker</source>
        <translation>{where}：ティッカー {ticker} は有効な Yahoo のティッカーではありません</translation>
    </message>
    <message>
        <source>{where}: {fx} is the USD/JPY rate, not an asset</source>
        <translation>{where}：{fx} はドル円の為替レートで、銘柄ではありません</translation>
    </message>
    <message>
        <source>{where}: country {country} must be one of {choices}</source>
        <translation>{where}：国 {country} は {choices} のいずれかにしてください</translation>
    </message>
    <message>
        <source>{where}: kind {kind} must be one of {choices}</source>
        <translation>{where}：種類 {kind} は {choices} のいずれかにしてください</translation>
    </message>
    <message>
        <source>{where}: theme {theme} is not defined in [themes]</source>
        <translation>{where}：テーマ {theme} は [themes] に定義されていません</translation>
    </message>
    <message>
        <source>{where}: name must be a non-empty string</source>
        <translation>{where}：name は空でない文字列にしてください</translation>
    </message>
    <message>
        <source>{source}: expected a table of themes and assets</source>
        <translation>{source}：テーマと銘柄のテーブルが必要です</translation>
    </message>
    <message>
        <source>{source}: [themes] is missing or empty</source>
        <translation>{source}：[themes] がないか空です</translation>
    </message>
    <message>
        <source>{source}: [[assets]] is missing or empty</source>
        <translation>{source}：[[assets]] がないか空です</translation>
    </message>
    <message>
        <source>theme key {key} must be lower-case letters, digits and underscores, starting with a letter</source>
        <translation>テーマのキー {key} は英小文字・数字・アンダースコアで、先頭は英字にしてください</translation>
    </message>
    <message>
        <source>theme {theme} already exists</source>
        <translation>テーマ {theme} はすでに存在します</translation>
    </message>
    <message>
        <source>ticker {ticker} is already in the universe</source>
        <translation>ティッカー {ticker} はすでにユニバースにあります</translation>
    </message>
    <message>
        <source>{source}: theme key {key} must be lower-case letters, digits and underscores</source>
        <translation>{source}：テーマのキー {key} は英小文字・数字・アンダースコアにしてください</translation>
    </message>
    <message>
        <source>{source}: theme {theme} must be a table with a name</source>
        <translation>{source}：テーマ {theme} は name を持つテーブルにしてください</translation>
    </message>
    <message>
        <source>{source}: theme {theme}: name, description, name_ja and description_ja must be text</source>
        <translation>{source}：テーマ {theme}：name、description、name_ja、description_ja は文字列にしてください</translation>
    </message>
    <message>
        <source>{where}: expected a table</source>
        <translation>{where}：テーブルが必要です</translation>
    </message>
    <message>
        <source>{where}: missing {fields}</source>
        <translation>{where}：{fields} がありません</translation>
    </message>
    <message>
        <source>{where}: unknown field(s) {fields}</source>
        <translation>{where}: 不明な項目 {fields}</translation>
    </message>
    <message>
        <source>{where}: name_ja must be text</source>
        <translation>{where}：name_ja は文字列にしてください</translation>
    </message>
    <message>
        <source>{where}: duplicate ticker {ticker}</source>
        <translation>{where}：ティッカー {ticker} が重複しています</translation>
    </message>
    <message>
        <source>{path}: cannot read universe file ({problem})</source>
        <translation>{path}：ユニバースファイルを読み取れません（{problem}）</translation>
    </message>
    <message>
        <source>{path}: not a UTF-8 text file</source>
        <translation>{path}：UTF-8 のテキストファイルではありません</translation>
    </message>
    <message>
        <source>{source}: not valid TOML ({problem})</source>
        <translation>{source}：TOML として正しくありません（{problem}）</translation>
    </message>
    <message>
        <source>unknown ticker {ticker}; it is not in the universe</source>
        <translation>不明なティッカー {ticker}：ユニバースにありません</translation>
    </message>
    <message>
        <source>{source}: expected a JSON object</source>
        <translation>{source}：JSON オブジェクトが必要です</translation>
    </message>
    <message>
        <source>{source}: format must be {format}</source>
        <translation>{source}：format は {format} にしてください</translation>
    </message>
    <message>
        <source>{source}: version must be a positive integer</source>
        <translation>{source}：version は正の整数にしてください</translation>
    </message>
    <message>
        <source>{source}: version {version} was written by a newer Allocator (this one reads up to {newest}); update Allocator</source>
        <translation>{source}：バージョン {version} は新しい Allocator で書かれています（このバージョンが読めるのは {newest} まで）。Allocator を更新してください</translation>
    </message>
    <message>
        <source>{source}: themes must be an object</source>
        <translation>{source}：themes はオブジェクトにしてください</translation>
    </message>
    <message>
        <source>{source}: assets must be a list</source>
        <translation>{source}：assets はリストにしてください</translation>
    </message>
    <message>
        <source>ticker must be non-empty text</source>
        <translation>ティッカーは空でない文字列にしてください</translation>
    </message>
    <message>
        <source>{fx} is the USD/JPY rate, not an asset</source>
        <translation>{fx} はドル円の為替レートで、銘柄ではありません</translation>
    </message>
    <message>
        <source>{ticker} is not one of your added tickers</source>
        <translation>{ticker} はユーザーが追加したティッカーではありません</translation>
    </message>
    <message>
        <source>{path}: cannot read your universe file ({problem})</source>
        <translation>{path}：ユーザーのユニバースファイルを読み取れません（{problem}）</translation>
    </message>
    <message>
        <source>{path}: not valid JSON ({problem}); fix or delete the file</source>
        <translation>{path}：JSON として正しくありません（{problem}）。ファイルを修正するか削除してください</translation>
    </message>
    <message>
        <source>{ticker} is now in the default universe; your copy is ignored</source>
        <translation>{ticker}は既定のユニバースに含まれるようになったため、ユーザー追加分は無視されます</translation>
    </message>
    <message>
        <source>{source}: assets[{i}]: expected an object</source>
        <translation>{source}：assets[{i}]：オブジェクトが必要です</translation>
    </message>
    <message>
        <source>theme {theme} is now in the default universe; your copy is ignored</source>
        <translation>テーマ{theme}は既定のユニバースに含まれるようになったため、ユーザー追加分は無視されます</translation>
    </message>
    <message>
        <source>reference weight {ticker}={value}: must be a non-negative number</source>
        <translation>基準比率 {ticker}={value}: 0 以上の数値でなければなりません</translation>
    </message>
</context>
<context>
    <name>CorrelationPlot</name>
    <message>
        <source>Hover over the map to read a pair's correlation (assets grouped by theme).</source>
        <translation>ヒートマップにカーソルを合わせると2銘柄間の相関係数を表示します（銘柄はテーマ別に並んでいます）。</translation>
    </message>
    <message>
        <source>Correlation of the assets' returns in the base currency over the estimation window</source>
        <translation>推定期間における基準通貨建てリターンの銘柄間相関</translation>
    </message>
    <message>
        <source>{0} ({1}) × {2} ({3}): correlation {4}</source>
        <translation>{0}（{1}）× {2}（{3}）：相関係数 {4}</translation>
    </message>
</context>
<context>
    <name>CurrencyPanel</name>
    <message>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>US dollar (USD)</source>
        <translation>米ドル（USD）</translation>
    </message>
    <message>
        <source>Japanese yen (JPY)</source>
        <translation>日本円（JPY）</translation>
    </message>
    <message>
        <source>The currency you measure returns in; the other currency is the foreign one to hedge</source>
        <translation>リターンを測る通貨。もう一方の通貨がヘッジ対象の外貨になります</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基準通貨</translation>
    </message>
    <message>
        <source>Share of the foreign-currency exposure sold forward (0% = unhedged, 100% = fully hedged)</source>
        <translation>外貨エクスポージャーのうち為替予約で売却する割合（0% = ヘッジなし、100% = フルヘッジ）</translation>
    </message>
    <message>
        <source>Hedge ratio of the foreign-currency exposure</source>
        <translation>外貨エクスポージャーのヘッジ比率</translation>
    </message>
    <message>
        <source>Hedge</source>
        <translation>為替ヘッジ</translation>
    </message>
    <message>
        <source>Optimiser chooses (0–100%)</source>
        <translation>最適化で決定（0〜100%）</translation>
    </message>
    <message>
        <source>Treat the hedge ratio as a decision variable between 0% and 100%</source>
        <translation>ヘッジ比率を0%〜100%の決定変数として扱います</translation>
    </message>
    <message>
        <source>Hedge ratio in the current allocation</source>
        <translation>現在の配分のヘッジ比率</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>採用値</translation>
    </message>
    <message>
        <source>Annual short rate for {0}; sets the hedge carry (rate differential)</source>
        <translation>{0}の年率短期金利。ヘッジコスト（金利差）を決めます</translation>
    </message>
    <message>
        <source>Short rates</source>
        <translation>短期金利</translation>
    </message>
    <message>
        <source>Let the optimiser choose the {0} hedge ratio between 0% and 100%</source>
        <translation>{0}のヘッジ比率を最適化で0%〜100%の範囲から決めます</translation>
    </message>
    <message>
        <source>{0} {1} ({2} of portfolio)</source>
        <translation>{0} {1}（ポートフォリオの{2}）</translation>
    </message>
    <message>
        <source>Hedge ratio in the current allocation; in brackets the forward's notional as a share of the portfolio</source>
        <translation>現在の配分のヘッジ比率。括弧内は為替予約の想定元本がポートフォリオに占める割合</translation>
    </message>
    <message>
        <source>Hedge {0}</source>
        <translation>為替ヘッジ {0}</translation>
    </message>
    <message>
        <source>Optimal hedge</source>
        <translation>最適ヘッジ</translation>
    </message>
    <message>
        <source>Base currency {0}</source>
        <translation>基準通貨 {0}</translation>
    </message>
    <message>
        <source>{0} short rate {1}</source>
        <translation>{0}短期金利 {1}</translation>
    </message>
</context>
<context>
    <name>EstimationPanel</name>
    <message>
        <source>Estimation</source>
        <translation>推定</translation>
    </message>
    <message>
        <source>earliest</source>
        <translation>最初から</translation>
    </message>
    <message>
        <source>First date of the estimation window ('earliest' uses all history)</source>
        <translation>推定期間の開始日（「最初から」は全履歴を使います）</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新まで</translation>
    </message>
    <message>
        <source>Last date of the estimation window ('latest' uses the newest prices)</source>
        <translation>推定期間の終了日（「最新まで」は最新の価格まで使います）</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>推定期間</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>日次</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>週次</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>月次</translation>
    </message>
    <message>
        <source>Return frequency: weekly aligns Tokyo and New York calendars without daily noise</source>
        <translation>リターンの頻度：週次なら日々のノイズなしに東京とニューヨークの営業日のずれを揃えられます</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>リターン</translation>
    </message>
    <message>
        <source>Historical mean</source>
        <translation>過去平均</translation>
    </message>
    <message>
        <source>EWMA mean</source>
        <translation>指数加重平均（EWMA）</translation>
    </message>
    <message>
        <source>Shrunk to grand mean</source>
        <translation>全体平均への縮小推定</translation>
    </message>
    <message>
        <source>Equilibrium prior</source>
        <translation>均衡事前分布</translation>
    </message>
    <message>
        <source>Equilibrium + views (Black-Litterman)</source>
        <translation>均衡＋見通し（ブラック・リッターマン）</translation>
    </message>
    <message>
        <source>How expected returns are formed: from history (in-sample), or the equilibrium prior moved by your views</source>
        <translation>期待リターンの作り方：過去データから（インサンプル）、または均衡事前分布をあなたの見通しで調整</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>期待リターン</translation>
    </message>
    <message>
        <source>Ledoit-Wolf shrinkage</source>
        <translation>Ledoit-Wolf縮小推定</translation>
    </message>
    <message>
        <source>Sample covariance</source>
        <translation>標本共分散</translation>
    </message>
    <message>
        <source>EWMA covariance</source>
        <translation>指数加重共分散（EWMA）</translation>
    </message>
    <message>
        <source>How the covariance is estimated (Ledoit-Wolf is robust with many assets)</source>
        <translation>共分散の推定方法（銘柄数が多い場合はLedoit-Wolfが頑健です）</translation>
    </message>
    <message>
        <source>Covariance</source>
        <translation>共分散</translation>
    </message>
    <message>
        <source> periods</source>
        <translation> 期間</translation>
    </message>
    <message>
        <source>Half-life of the EWMA estimators, in return periods ('default' lets the estimator choose)</source>
        <translation>EWMA推定の半減期（リターンの期間数）。「既定」は推定手法に任せます</translation>
    </message>
    <message>
        <source>default</source>
        <translation>既定</translation>
    </message>
    <message>
        <source>Half-life</source>
        <translation>半減期</translation>
    </message>
    <message>
        <source>Zero (recommended)</source>
        <translation>ゼロ（推奨）</translation>
    </message>
    <message>
        <source>Expected currency return. Zero avoids the trap of extrapolating the yen's past fall (which would say 'always hedge' to a dollar investor)</source>
        <translation>為替の期待リターン。ゼロにすると、過去の円安を将来に外挿する落とし穴（ドル建て投資家には「常にヘッジせよ」となる）を避けられます</translation>
    </message>
    <message>
        <source>FX drift</source>
        <translation>為替ドリフト</translation>
    </message>
    <message>
        <source>Prices available from {0} to {1}</source>
        <translation>価格データは{0}から{1}まであります</translation>
    </message>
    <message>
        <source>Window start {0}</source>
        <translation>推定期間の開始 {0}</translation>
    </message>
    <message>
        <source>Window start open</source>
        <translation>推定期間の開始：最初から</translation>
    </message>
    <message>
        <source>Window end {0}</source>
        <translation>推定期間の終了 {0}</translation>
    </message>
    <message>
        <source>Window end open</source>
        <translation>推定期間の終了：最新まで</translation>
    </message>
</context>
<context>
    <name>ExpectedReturnsPlot</name>
    <message>
        <source>By theme</source>
        <translation>テーマ別</translation>
    </message>
    <message>
        <source>By asset</source>
        <translation>銘柄別</translation>
    </message>
    <message>
        <source>Each theme's assets weighted by the reference portfolio, as in a view on the theme</source>
        <translation>各テーマの銘柄を参照ポートフォリオの比率で加重（テーマへの見通しと同じ扱い）</translation>
    </message>
    <message>
        <source>Every asset of the model</source>
        <translation>モデルの全銘柄</translation>
    </message>
    <message>
        <source>Expected return (annual, base currency)</source>
        <translation>期待リターン（年率、基準通貨建て）</translation>
    </message>
    <message>
        <source>History (in-sample) ± 1 SE</source>
        <translation>過去実績（インサンプル）± 1標準誤差</translation>
    </message>
    <message>
        <source>Equilibrium prior</source>
        <translation>均衡事前分布</translation>
    </message>
    <message>
        <source>Posterior (with your views)</source>
        <translation>事後分布（見通し込み）</translation>
    </message>
    <message>
        <source>your view</source>
        <translation>あなたの見通し</translation>
    </message>
    <message>
        <source>Error bars: ± one standard error of the historical mean (sigma / sqrt(years))</source>
        <translation>エラーバー：過去平均の ± 1標準誤差（σ / √年数）</translation>
    </message>
    <message>
        <source>the posterior</source>
        <translation>事後分布</translation>
    </message>
    <message>
        <source>the equilibrium prior</source>
        <translation>均衡事前分布</translation>
    </message>
    <message>
        <source>the historical means (in-sample)</source>
        <translation>過去平均（インサンプル）</translation>
    </message>
    <message>
        <source>The optimiser uses {0}. Typical standard error of a historical mean here: ±{1}.</source>
        <translation>最適化には{0}を使います。ここでの過去平均の標準誤差は通常 ±{1} です。</translation>
    </message>
</context>
<context>
    <name>Frontier</name>
    <message>
        <source>Unhedged</source>
        <translation>ヘッジなし</translation>
    </message>
    <message>
        <source>Fully hedged</source>
        <translation>フルヘッジ</translation>
    </message>
    <message>
        <source>Optimal hedge</source>
        <translation>最適ヘッジ</translation>
    </message>
    <message>
        <source>Efficient frontier</source>
        <translation>効率的フロンティア</translation>
    </message>
    <message>
        <source>{0} hedged</source>
        <translation>{0}ヘッジ</translation>
    </message>
    <message>
        <source>Hedged {0}–{1}</source>
        <translation>ヘッジ {0}〜{1}</translation>
    </message>
</context>
<context>
    <name>FrontierPlot</name>
    <message>
        <source>Assets</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>Max Sharpe</source>
        <translation>最大シャープレシオ</translation>
    </message>
    <message>
        <source>Volatility (annual)</source>
        <translation>ボラティリティ（年率）</translation>
    </message>
    <message>
        <source>Expected return (annual)</source>
        <translation>期待リターン（年率）</translation>
    </message>
    <message>
        <source>{0} - {1}
{2}
return {3}, volatility {4}</source>
        <translation>{0} - {1}
{2}
リターン {3}、ボラティリティ {4}</translation>
    </message>
    <message>
        <source>net of a one-time cost of {cost:.2f}% (turnover {turnover:.0f}%) from your holdings</source>
        <translation>現在の保有からの一時コスト {cost:.2f}%（売買回転率 {turnover:.0f}%）控除後</translation>
    </message>
    <message>
        <source>{0} frontier
return {1}, volatility {2}, Sharpe {3}{4}
click to adopt this portfolio</source>
        <translation>{0}のフロンティア
リターン {1}、ボラティリティ {2}、シャープレシオ {3}{4}
クリックでこのポートフォリオを採用</translation>
    </message>
    <message>
        <source>{n} other frontier(s) pass here: hide them with the toggles above to pick another</source>
        <translation>ほかに{n}本のフロンティアがこの点を通ります。別のものを選ぶには、上の切り替えで非表示にしてください</translation>
    </message>
</context>
<context>
    <name>FrontierToggles</name>
    <message>
        <source>Show or hide each frontier; a click on a frontier adopts the point under the cursor</source>
        <translation>各フロンティアの表示・非表示を切り替えます。フロンティアをクリックすると、カーソル位置のポートフォリオを採用します</translation>
    </message>
    <message>
        <source>Show the {label} frontier</source>
        <translation>{label}のフロンティアを表示</translation>
    </message>
</context>
<context>
    <name>HoldingsDock</name>
    <message>
        <source>Holdings and trades</source>
        <translation>保有と売買</translation>
    </message>
</context>
<context>
    <name>HoldingsWidget</name>
    <message>
        <source>Import holdings CSV…</source>
        <translation>保有CSVを読み込む…</translation>
    </message>
    <message>
        <source>A CSV with a header row naming ticker and shares (other columns are ignored)</source>
        <translation>見出し行に ticker と shares がある CSV（他の列は無視されます）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Forget the holdings: optimise from cash, with no trading costs</source>
        <translation>保有を消去し、現金から売買コストなしで最適化します</translation>
    </message>
    <message>
        <source>Ticker</source>
        <translation>ティッカー</translation>
    </message>
    <message>
        <source>Shares</source>
        <translation>株数</translation>
    </message>
    <message>
        <source>What you hold; type a ticker and a share count in the last row to add one</source>
        <translation>保有銘柄。最後の行にティッカーと株数を入力すると追加できます</translation>
    </message>
    <message>
        <source>Cash {currency}</source>
        <translation>現金 {currency}</translation>
    </message>
    <message>
        <source>One-way cost of trading US stocks, basis points</source>
        <translation>米国株の片道売買コスト（bp）</translation>
    </message>
    <message>
        <source>One-way cost of trading Tokyo stocks, basis points</source>
        <translation>東証株の片道売買コスト（bp）</translation>
    </message>
    <message>
        <source> bps</source>
        <translation> bp</translation>
    </message>
    <message>
        <source>Costs {market}</source>
        <translation>コスト {market}</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>Cap on the total traded, sum of |new - current weight|; 0 = no limit</source>
        <translation>売買合計の上限（|新比率 − 現比率| の合計）。0 = 制限なし</translation>
    </message>
    <message>
        <source>Max turnover</source>
        <translation>最大売買回転率</translation>
    </message>
    <message>
        <source>No holdings: the allocation is built from cash.</source>
        <translation>保有なし：配分は現金から組み立てます。</translation>
    </message>
    <message>
        <source>Theme / asset</source>
        <translation>テーマ／銘柄</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>After trades</source>
        <translation>売買後</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the trade list as tab-separated text (Ctrl+C)</source>
        <translation>売買リストをタブ区切りテキストでコピー（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export trades CSV…</source>
        <translation>売買CSVをエクスポート…</translation>
    </message>
    <message>
        <source>Current vs target</source>
        <translation>現在と目標</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>holdings row {row}</source>
        <translation>保有の{row}行目</translation>
    </message>
    <message>
        <source>Not applied: {error}</source>
        <translation>適用されませんでした：{error}</translation>
    </message>
    <message>
        <source>Edit holdings</source>
        <translation>保有の編集</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>Trading costs</source>
        <translation>売買コスト</translation>
    </message>
    <message>
        <source>Import holdings</source>
        <translation>保有の読み込み</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot import: {error}</source>
        <translation>読み込めません：{error}</translation>
    </message>
    <message>
        <source>Clear holdings</source>
        <translation>保有のクリア</translation>
    </message>
    <message>
        <source>No holdings: the allocation is built from cash. Import a CSV (ticker,shares) or type them above.</source>
        <translation>保有なし：配分は現金から組み立てます。CSV（ticker,shares）を読み込むか、上に入力してください。</translation>
    </message>
    <message>
        <source>Holdings and cash worth {value}; the trades cost {cost} ({costs}), turnover {turnover}.</source>
        <translation>保有と現金の評価額 {value}。売買コスト {cost}（{costs}）、売買回転率 {turnover}。</translation>
    </message>
    <message>
        <source>Convert {sold} to {bought}.</source>
        <translation>{sold}を{bought}に両替。</translation>
    </message>
    <message>
        <source>Hedge {ccy} notional {before} → {after}.</source>
        <translation>{ccy}ヘッジの想定元本 {before} → {after}。</translation>
    </message>
    <message>
        <source>No trade list: {error}</source>
        <translation>売買リストなし：{error}</translation>
    </message>
    <message>
        <source>Other (kept, not traded)</source>
        <translation>その他（保有継続、売買なし）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>銘柄名</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Base amount</source>
        <translation>基準通貨額</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>売買前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>売買後</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>保有</translation>
    </message>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Export trades</source>
        <translation>売買のエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export: {error}</source>
        <translation>エクスポートできません：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Allocation files (*.alloc.json);;JSON files (*.json);;All files (*)</source>
        <translation>配分ファイル (*.alloc.json);;JSONファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Edit notes</source>
        <translation>メモの編集</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Show assets with zero weight</source>
        <translation>比率ゼロの銘柄も表示</translation>
    </message>
    <message>
        <source>List every asset of the universe, not only the holdings</source>
        <translation>保有銘柄だけでなく、ユニバースの全銘柄を表示します</translation>
    </message>
    <message>
        <source>Prices: loading…</source>
        <translation>価格：読み込み中…</translation>
    </message>
    <message>
        <source>Where the numbers come from</source>
        <translation>数値の出所</translation>
    </message>
    <message>
        <source>Time the last optimisation and frontier took</source>
        <translation>直近の最適化とフロンティア計算にかかった時間</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>起動中…</translation>
    </message>
    <message>
        <source>By asset</source>
        <translation>銘柄別</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>相関</translation>
    </message>
    <message>
        <source>Weight of each holding, coloured by theme</source>
        <translation>各保有銘柄の比率（テーマ別に色分け）</translation>
    </message>
    <message>
        <source>Weights by theme and country; currency exposure before and after the hedge</source>
        <translation>テーマ別・国別の比率と、ヘッジ前後の通貨エクスポージャー</translation>
    </message>
    <message>
        <source>Correlation of the assets' returns (base currency), grouped by theme</source>
        <translation>銘柄間のリターンの相関（基準通貨建て、テーマ別）</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Walk-forward backtest of these settings against simple benchmarks</source>
        <translation>この設定のウォークフォワード・バックテスト（単純なベンチマークとの比較）</translation>
    </message>
    <message>
        <source>Expected returns</source>
        <translation>期待リターン</translation>
    </message>
    <message>
        <source>History (± 1 standard error), the equilibrium prior and the posterior with your views</source>
        <translation>過去実績（± 1標準誤差）、均衡事前分布、見通しを反映した事後分布</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>Start again from the default settings</source>
        <translation>既定の設定からやり直します</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved allocation (.alloc.json)</source>
        <translation>保存した配分（.alloc.json）を開きます</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the settings and the allocation</source>
        <translation>設定と配分を保存します</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Save under a new name</source>
        <translation>新しい名前で保存します</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSVをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the allocation as CSV, with share counts for a capital amount</source>
        <translation>配分をCSVにエクスポートします（投資額を指定すると株数も）</translation>
    </message>
    <message>
        <source>Export &amp;plot…</source>
        <translation>グラフをエクスポート(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the frontier or the visible chart as PNG or SVG</source>
        <translation>フロンティアまたは表示中のグラフをPNGかSVGで保存します</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Close Allocator</source>
        <translation>Allocatorを終了します</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy allocation</source>
        <translation>配分をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the table as tab-separated text</source>
        <translation>表をタブ区切りテキストでコピーします</translation>
    </message>
    <message>
        <source>&amp;Normalise theme targets</source>
        <translation>テーマ目標を100%に正規化(&amp;N)</translation>
    </message>
    <message>
        <source>Scale theme targets to sum to 100%</source>
        <translation>テーマ目標の合計が100%になるよう調整します</translation>
    </message>
    <message>
        <source>Make all themes &amp;free</source>
        <translation>すべてのテーマを自由に(&amp;F)</translation>
    </message>
    <message>
        <source>Remove all theme targets</source>
        <translation>テーマ目標をすべて解除します</translation>
    </message>
    <message>
        <source>&amp;Refresh prices…</source>
        <translation>価格を更新(&amp;R)…</translation>
    </message>
    <message>
        <source>Download the latest prices from Yahoo Finance</source>
        <translation>Yahoo!ファイナンスから最新の価格をダウンロードします</translation>
    </message>
    <message>
        <source>&amp;Add ticker…</source>
        <translation>ティッカーを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add any Yahoo Finance ticker to a theme</source>
        <translation>Yahoo!ファイナンスの任意のティッカーをテーマに追加します</translation>
    </message>
    <message>
        <source>Data &amp;quality report…</source>
        <translation>データ品質レポート(&amp;Q)…</translation>
    </message>
    <message>
        <source>Per-asset history, gaps, stale runs and outliers</source>
        <translation>銘柄ごとの履歴期間、欠損、価格の更新停止、外れ値</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>メモ(&amp;N)</translation>
    </message>
    <message>
        <source>Show or hide the notes saved with this allocation</source>
        <translation>この配分と一緒に保存されるメモを表示／非表示にします</translation>
    </message>
    <message>
        <source>&amp;About Allocator</source>
        <translation>Allocatorについて(&amp;A)</translation>
    </message>
    <message>
        <source>Versions and credits</source>
        <translation>バージョンとクレジット</translation>
    </message>
    <message>
        <source>&amp;Holdings and trades</source>
        <translation>保有と売買(&amp;H)</translation>
    </message>
    <message>
        <source>What you hold, trading costs, and the trades to the allocation</source>
        <translation>保有銘柄、売買コスト、配分までの売買</translation>
    </message>
    <message>
        <source>Import &amp;holdings…</source>
        <translation>保有を読み込む(&amp;H)…</translation>
    </message>
    <message>
        <source>Read what you hold from a CSV (ticker,shares) to rebalance from it</source>
        <translation>保有銘柄を CSV（ticker,shares）から読み込み、そこからリバランスします</translation>
    </message>
    <message>
        <source>Show &amp;all assets in the table</source>
        <translation>表に全銘柄を表示(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cached prices (else the sample)</source>
        <translation>キャッシュ済みの価格（なければサンプル）(&amp;C)</translation>
    </message>
    <message>
        <source>Use downloaded prices when every ticker has them</source>
        <translation>全ティッカーの価格がそろっていればダウンロード済みの価格を使います</translation>
    </message>
    <message>
        <source>&amp;Simulated sample</source>
        <translation>シミュレーション・サンプル(&amp;S)</translation>
    </message>
    <message>
        <source>Use the bundled simulated prices (not real)</source>
        <translation>同梱のシミュレーション価格（実際の価格ではありません）を使います</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSVファイル</translation>
    </message>
    <message>
        <source>Prices from the imported CSV</source>
        <translation>読み込んだCSVの価格</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>Export &amp;chart in view…</source>
        <translation>表示中のグラフをエクスポート(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the chart shown in the tabs (by asset, breakdown or correlation) as PNG or SVG</source>
        <translation>タブに表示中のグラフ（銘柄別・内訳・相関）をPNGかSVGで保存します</translation>
    </message>
    <message>
        <source>Edit n&amp;otes…</source>
        <translation>メモを編集(&amp;O)…</translation>
    </message>
    <message>
        <source>Write notes that are saved with this allocation</source>
        <translation>この配分と一緒に保存されるメモを書きます</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>データ(&amp;D)</translation>
    </message>
    <message>
        <source>Price &amp;source</source>
        <translation>価格データの出所(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Show by asset</source>
        <translation>銘柄別を表示</translation>
    </message>
    <message>
        <source>Show themes, countries, currency</source>
        <translation>テーマ・国・通貨を表示</translation>
    </message>
    <message>
        <source>Show correlation</source>
        <translation>相関を表示</translation>
    </message>
    <message>
        <source>Run backtest</source>
        <translation>バックテストを実行</translation>
    </message>
    <message>
        <source>Walk the settings forward through the history (Backtest tab)</source>
        <translation>設定で価格履歴をウォークフォワード検証します（バックテストタブ）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>元に戻す(&amp;U)：{0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>やり直し(&amp;R)：{0}</translation>
    </message>
    <message>
        <source>Estimating the market model…</source>
        <translation>市場モデルを推定中…</translation>
    </message>
    <message>
        <source>Optimising…</source>
        <translation>最適化中…</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>ファイルを開けません</translation>
    </message>
    <message>
        <source>Loading the optimiser…</source>
        <translation>最適化エンジンを読み込み中…</translation>
    </message>
    <message>
        <source>This file has notes: View ▸ Notes (Ctrl+Shift+M)</source>
        <translation>このファイルにはメモがあります：表示 ▸ メモ（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>適用されませんでした：{0}</translation>
    </message>
    <message>
        <source>Prices from cached prices</source>
        <translation>価格：キャッシュ済みの価格</translation>
    </message>
    <message>
        <source>Prices from the simulated sample</source>
        <translation>価格：シミュレーション・サンプル</translation>
    </message>
    <message>
        <source>Prices from {0}</source>
        <translation>価格：{0}</translation>
    </message>
    <message>
        <source>CSV: {0}</source>
        <translation>CSV：{0}</translation>
    </message>
    <message>
        <source>CSV file (import one first)</source>
        <translation>CSVファイル（先に読み込んでください）</translation>
    </message>
    <message>
        <source>Adopt frontier point ({0}, {1})</source>
        <translation>フロンティア上の点を採用（{0}、{1}）</translation>
    </message>
    <message>
        <source>Prices: simulated sample ({0} – {1}), not real prices</source>
        <translation>価格：シミュレーション・サンプル（{0}〜{1}）、実際の価格ではありません</translation>
    </message>
    <message>
        <source>Prices: Yahoo Finance, as of {0}</source>
        <translation>価格：Yahoo!ファイナンス（{0}時点）</translation>
    </message>
    <message>
        <source>Prices: {0}, as of {1}</source>
        <translation>価格：{0}（{1}時点）</translation>
    </message>
    <message>
        <source>Where the numbers come from.</source>
        <translation>数値の出所。</translation>
    </message>
    <message>
        <source>Estimation window {0} – {1} ({2} periods).</source>
        <translation>推定期間 {0}〜{1}（{2}期間）。</translation>
    </message>
    <message>
        <source>The last result stays on screen.</source>
        <translation>直前の結果を表示したままにしています。</translation>
    </message>
    <message>
        <source>Cannot estimate the model: {0}</source>
        <translation>モデルを推定できません：{0}</translation>
    </message>
    <message>
        <source>Cannot estimate the model</source>
        <translation>モデルを推定できません</translation>
    </message>
    <message>
        <source>Opened {0}: its stored result was recomputed from its settings</source>
        <translation>{0}を開きました：保存されていた結果は設定から再計算しました</translation>
    </message>
    <message>
        <source>US dollar in yen (USD/JPY)</source>
        <translation>米ドル（円建て、USD/JPY）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Infeasible:&lt;/b&gt; {0}.</source>
        <translation>&lt;b&gt;実行不可能：&lt;/b&gt;{0}。</translation>
    </message>
    <message>
        <source>Solved in {0} ms</source>
        <translation>求解 {0} ミリ秒</translation>
    </message>
    <message>
        <source>1 frontier in {0} ms</source>
        <translation>フロンティア1本 {0} ミリ秒</translation>
    </message>
    <message>
        <source>{0} frontiers in {1} ms</source>
        <translation>フロンティア{0}本 {1} ミリ秒</translation>
    </message>
    <message>
        <source>Save the changes to {0}?</source>
        <translation>{0}への変更を保存しますか？</translation>
    </message>
    <message>
        <source>Save the changes to this allocation?</source>
        <translation>この配分への変更を保存しますか？</translation>
    </message>
    <message>
        <source>Open allocation</source>
        <translation>配分を開く</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>{0}を開きました</translation>
    </message>
    <message>
        <source>there is no allocation yet; wait for the first optimisation to finish</source>
        <translation>まだ配分がありません。最初の最適化が終わるまでお待ちください</translation>
    </message>
    <message>
        <source>Save allocation</source>
        <translation>配分を保存</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>保存できません</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0}に保存しました</translation>
    </message>
    <message>
        <source>Saved {0} (the settings are infeasible: the result saved is the last feasible one)</source>
        <translation>{0}に保存しました（設定が実行不可能なため、保存したのは直前の実行可能な結果です）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>一覧を消去</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSVのエクスポート</translation>
    </message>
    <message>
        <source>Capital to invest ({0}); 0 for weights only:</source>
        <translation>投資額（{0}）。0なら比率のみ：</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <source>Exported weights only (this version cannot count shares)</source>
        <translation>比率のみエクスポートしました（このバージョンでは株数を計算できません）</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>エクスポートできません</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0}にエクスポートしました</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>グラフのエクスポート</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG画像 (*.png);;SVG画像 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot export the chart to {path}: {reason}</source>
        <translation>グラフを{path}にエクスポートできません：{reason}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path}にエクスポートしました</translation>
    </message>
    <message>
        <source>Expected returns: history, equilibrium prior and posterior</source>
        <translation>期待リターン：過去実績・均衡事前分布・事後分布</translation>
    </message>
    <message>
        <source>Efficient frontier</source>
        <translation>効率的フロンティア</translation>
    </message>
    <message>
        <source>Allocation by asset</source>
        <translation>銘柄別の配分</translation>
    </message>
    <message>
        <source>Allocation by theme, country and currency</source>
        <translation>テーマ・国・通貨別の配分</translation>
    </message>
    <message>
        <source>Correlation of returns (grouped by theme)</source>
        <translation>リターンの相関（テーマ別）</translation>
    </message>
    <message>
        <source>Data: simulated sample, not real prices ({first} – {last})</source>
        <translation>データ：シミュレーション・サンプル、実際の価格ではありません（{first}〜{last}）</translation>
    </message>
    <message>
        <source>Data: Yahoo Finance prices {first} – {last}</source>
        <translation>データ：Yahoo!ファイナンスの価格 {first}〜{last}</translation>
    </message>
    <message>
        <source>Data: {label}, {first} – {last}</source>
        <translation>データ：{label}、{first}〜{last}</translation>
    </message>
    <message>
        <source>Importing the CSV files of {folder}</source>
        <translation>{folder}のCSVファイルを読み込み中</translation>
    </message>
    <message>
        <source>Drop one CSV file, one folder, or CSV files from one folder</source>
        <translation>CSVファイル1つ、フォルダ1つ、または同じフォルダのCSVファイルをドロップしてください</translation>
    </message>
    <message>
        <source>Refresh: {0}</source>
        <translation>価格の更新：{0}</translation>
    </message>
    <message>
        <source>Import prices</source>
        <translation>価格の読み込み</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>CSVファイル (*.csv *.csv.gz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot import prices</source>
        <translation>価格を読み込めません</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>内訳</translation>
    </message>
    <message>
        <source>&amp;Import prices from a CSV file…</source>
        <translation>CSVファイルから価格を読み込む(&amp;I)…</translation>
    </message>
    <message>
        <source>Use prices from one CSV file (wide, long or yfinance layout)</source>
        <translation>1つのCSVファイルの価格を使います（横長・縦長・yfinance形式）</translation>
    </message>
    <message>
        <source>Import prices from a &amp;folder…</source>
        <translation>フォルダから価格を読み込む(&amp;F)…</translation>
    </message>
    <message>
        <source>Use prices from a folder of CSV files, e.g. one file per ticker as yfinance saves them</source>
        <translation>CSVファイルのフォルダの価格を使います（例：yfinanceが保存する1銘柄1ファイル）</translation>
    </message>
    <message>
        <source>&amp;Remove ticker…</source>
        <translation>銘柄を削除(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove a ticker you added from your universe</source>
        <translation>追加した銘柄をユニバースから削除します</translation>
    </message>
    <message>
        <source>Showing the last feasible allocation; its frontier is dimmed. File ▸ Save keeps these settings, marked as infeasible.</source>
        <translation>最後に実行可能だった配分を表示しています（フロンティアは淡色表示）。ファイル ▸ 保存 で、この設定を「実行不可能」と記録して保存できます。</translation>
    </message>
    <message>
        <source>Import prices from a folder</source>
        <translation>フォルダから価格を読み込む</translation>
    </message>
    <message>
        <source>{0} has no prices for any asset of the universe; add its tickers as custom tickers first (Data ▸ Add ticker)</source>
        <translation>{0}にはユニバースのどの銘柄の価格もありません。先にそのティッカーをカスタムティッカーとして追加してください（データ ▸ ティッカーを追加）</translation>
    </message>
    <message>
        <source>Cannot add the ticker</source>
        <translation>ティッカーを追加できません</translation>
    </message>
    <message>
        <source>{0} is already in the universe</source>
        <translation>{0}はすでにユニバースにあります</translation>
    </message>
    <message>
        <source>{0} was added to your universe; downloading its prices…</source>
        <translation>{0}をユニバースに追加しました。価格をダウンロード中…</translation>
    </message>
    <message>
        <source>Add {0}</source>
        <translation>{0}を追加</translation>
    </message>
    <message>
        <source>You have not added any ticker (Data ▸ Add ticker adds one).</source>
        <translation>追加した銘柄はありません（データ ▸ 銘柄を追加 で追加できます）。</translation>
    </message>
    <message>
        <source>Remove a ticker</source>
        <translation>銘柄の削除</translation>
    </message>
    <message>
        <source>Ticker you added:</source>
        <translation>追加した銘柄：</translation>
    </message>
    <message>
        <source>Cannot remove the ticker</source>
        <translation>銘柄を削除できません</translation>
    </message>
    <message>
        <source>Remove {ticker}</source>
        <translation>{ticker}を削除</translation>
    </message>
    <message>
        <source>no prices for {0}; it stays in your universe but is not used until prices are available</source>
        <translation>{0}の価格がありません。ユニバースには残りますが、価格が取得できるまで使われません</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>{0}について</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong ({0}: {1}). Your settings are unchanged.</source>
        <translation>問題が発生しました（{0}：{1}）。設定は変更されていません。</translation>
    </message>
</context>
<context>
    <name>MetricsStrip</name>
    <message>
        <source>Expected return</source>
        <translation>期待リターン</translation>
    </message>
    <message>
        <source>Annual expected return of the portfolio in the base currency, hedge included</source>
        <translation>基準通貨建てのポートフォリオの年率期待リターン（ヘッジ込み）</translation>
    </message>
    <message>
        <source>Volatility</source>
        <translation>ボラティリティ</translation>
    </message>
    <message>
        <source>Annual volatility of the portfolio in the base currency, hedge included</source>
        <translation>基準通貨建てのポートフォリオの年率ボラティリティ（ヘッジ込み）</translation>
    </message>
    <message>
        <source>Sharpe</source>
        <translation>シャープレシオ</translation>
    </message>
    <message>
        <source>(return - risk-free) / volatility</source>
        <translation>（リターン − 無リスク金利）÷ ボラティリティ</translation>
    </message>
    <message>
        <source>Holdings</source>
        <translation>保有銘柄数</translation>
    </message>
    <message>
        <source>Assets with a non-zero weight</source>
        <translation>比率がゼロでない銘柄の数</translation>
    </message>
    <message>
        <source>Hedge</source>
        <translation>為替ヘッジ</translation>
    </message>
    <message>
        <source>Share of the foreign-currency exposure hedged</source>
        <translation>外貨エクスポージャーのうちヘッジした割合</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>What the optimiser aimed for</source>
        <translation>最適化の目的</translation>
    </message>
    <message>
        <source>Min. capital</source>
        <translation>最低投資額</translation>
    </message>
    <message>
        <source>Smallest capital that buys every holding at its weight in whole trading units (Tokyo stocks: lots of 100 shares), at the latest prices, in the base currency</source>
        <translation>各保有銘柄をその比率どおりに売買単位（東証の株式は100株の単元株）で買える最小の投資額（最新の価格、基準通貨建て）</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>{base}
± one standard error: Lo (2002), GMM with Newey-West (serial correlation), {n} return periods</source>
        <translation>{base}
± は標準誤差：Lo (2002)、Newey-West による GMM（系列相関を考慮）、リターン {n} 期間</translation>
    </message>
</context>
<context>
    <name>NotesDock</name>
    <message>
        <source>Notes saved with this allocation: the thesis, what to check next, when to rebalance…</source>
        <translation>この配分と一緒に保存されるメモ：投資の根拠、次に確認すること、リバランスの時期…</translation>
    </message>
    <message>
        <source>Free-text notes, saved in the allocation file (Ctrl+Z undoes them with the settings)</source>
        <translation>自由記述のメモ。配分ファイルに保存されます（Ctrl+Zで設定と同様に元に戻せます）</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>1 data warning (hover to read): </source>
        <translation>データに関する警告 1件（カーソルを合わせると表示）：</translation>
    </message>
    <message>
        <source>{0} data warnings (hover to read): </source>
        <translation>データに関する警告 {0}件（カーソルを合わせると表示）：</translation>
    </message>
</context>
<context>
    <name>Objective</name>
    <message>
        <source>Max Sharpe</source>
        <translation>最大シャープレシオ</translation>
    </message>
    <message>
        <source>Min variance</source>
        <translation>最小分散</translation>
    </message>
    <message>
        <source>Target return</source>
        <translation>目標リターン</translation>
    </message>
    <message>
        <source>Target volatility</source>
        <translation>目標ボラティリティ</translation>
    </message>
    <message>
        <source>Max utility</source>
        <translation>効用最大化</translation>
    </message>
    <message>
        <source>Max return</source>
        <translation>最大リターン</translation>
    </message>
</context>
<context>
    <name>ObjectivePanel</name>
    <message>
        <source>Max Sharpe ratio</source>
        <translation>最大シャープレシオ</translation>
    </message>
    <message>
        <source>Best return per unit of risk above the risk-free rate</source>
        <translation>リスク1単位あたりの超過リターン（無リスク金利控除後）が最大</translation>
    </message>
    <message>
        <source>Min variance</source>
        <translation>最小分散</translation>
    </message>
    <message>
        <source>The least volatile portfolio under the constraints</source>
        <translation>制約のもとでボラティリティが最小のポートフォリオ</translation>
    </message>
    <message>
        <source>Target return</source>
        <translation>目標リターン</translation>
    </message>
    <message>
        <source>The least volatile portfolio that expects this return</source>
        <translation>このリターンが期待できる中でボラティリティが最小のポートフォリオ</translation>
    </message>
    <message>
        <source>Target volatility</source>
        <translation>目標ボラティリティ</translation>
    </message>
    <message>
        <source>The highest expected return at this volatility</source>
        <translation>このボラティリティで期待リターンが最大のポートフォリオ</translation>
    </message>
    <message>
        <source>Max utility</source>
        <translation>効用最大化</translation>
    </message>
    <message>
        <source>Maximise return minus risk aversion/2 × variance</source>
        <translation>リターン − リスク回避度/2 × 分散 を最大化</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>What the optimiser aims for</source>
        <translation>最適化の目的</translation>
    </message>
    <message>
        <source>Aim</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Risk-free rate for the Sharpe ratio; 'base short rate' uses the short rate of the base currency</source>
        <translation>シャープレシオの無リスク金利。「基準通貨の短期金利」は基準通貨の短期金利を使います</translation>
    </message>
    <message>
        <source>base short rate</source>
        <translation>基準通貨の短期金利</translation>
    </message>
    <message>
        <source>Risk-free</source>
        <translation>無リスク金利</translation>
    </message>
    <message>
        <source>Annual expected return, base currency</source>
        <translation>年率期待リターン（基準通貨建て）</translation>
    </message>
    <message>
        <source>Annual volatility, base currency</source>
        <translation>年率ボラティリティ（基準通貨建て）</translation>
    </message>
    <message>
        <source>Risk aversion</source>
        <translation>リスク回避度</translation>
    </message>
    <message>
        <source>γ in mean - γ/2 × variance: higher is more cautious (typical 1 to 10)</source>
        <translation>平均 − γ/2 × 分散 の γ：大きいほど慎重（通常1〜10）</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>This objective has no parameter</source>
        <translation>この目的にはパラメータがありません</translation>
    </message>
    <message>
        <source>Objective: {0}</source>
        <translation>目的：{0}</translation>
    </message>
    <message>
        <source>Risk aversion {0}</source>
        <translation>リスク回避度 {0}</translation>
    </message>
    <message>
        <source>Risk-free rate</source>
        <translation>無リスク金利</translation>
    </message>
</context>
<context>
    <name>OutlierConfirmDialog</name>
    <message>
        <source>Check these prices</source>
        <extracomment>Rows shown in the dialog (the count says how many there are).</extracomment>
        <translation>価格を確認してください</translation>
    </message>
    <message>
        <source>{files} has {n} one-day price move(s) by a factor of 10 or more. Such a move is usually a typo (a slipped decimal point, a price in the wrong unit) and would drive the expected returns and share counts. Correct the file, or use the prices as they are.</source>
        <translation>{files}には、1日で10倍以上動いた価格が{n}件あります。このような変動はたいてい入力ミス（小数点のずれ、単位違いの価格）で、期待リターンや株数を大きく左右します。ファイルを修正するか、このまま価格を使ってください。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Ticker</source>
        <translation>ティッカー</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Previous price (row)</source>
        <translation>前の価格（行）</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>変動</translation>
    </message>
    <message>
        <source>The row is the line number a text editor shows, header included</source>
        <translation>行はテキストエディターに表示される行番号です（見出し行を含む）</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… ほか{n}件</translation>
    </message>
    <message>
        <source>Use the prices as they are</source>
        <translation>このまま価格を使う</translation>
    </message>
    <message>
        <source>Import the file unchanged; the moves count in every estimate</source>
        <translation>ファイルをそのまま読み込みます。これらの変動はすべての推定に反映されます</translation>
    </message>
    <message>
        <source>Do not import; correct the file and import it again</source>
        <translation>読み込みません。ファイルを修正してから読み込み直してください</translation>
    </message>
</context>
<context>
    <name>PriorRows</name>
    <message>
        <source>Market cap</source>
        <translation>時価総額</translation>
    </message>
    <message>
        <source>Equal weights</source>
        <translation>均等配分</translation>
    </message>
    <message>
        <source>Saved allocation…</source>
        <translation>保存した配分…</translation>
    </message>
    <message>
        <source>The neutral portfolio the equilibrium prior makes optimal: approximate market capitalisations (bundled, refreshed on Data ▸ Refresh), equal weights, or a saved allocation's weights</source>
        <translation>均衡事前分布が最適とみなす中立的なポートフォリオ：概算の時価総額（同梱、データ ▸ 更新で更新）、均等配分、または保存した配分の比率</translation>
    </message>
    <message>
        <source>δ, the risk aversion of the prior: π = rf + δ Σ w_ref. 'implied' takes it from history, clipped to [1, 10]</source>
        <translation>δ は事前分布のリスク回避度：π = rf + δ Σ w_ref。「推定値」は過去データから求め、[1, 10] に収めます</translation>
    </message>
    <message>
        <source>implied</source>
        <translation>推定値</translation>
    </message>
    <message>
        <source>Allocation: {0}</source>
        <translation>配分：{0}</translation>
    </message>
    <message>
        <source>Reference allocation</source>
        <translation>参照する配分</translation>
    </message>
    <message>
        <source>Allocation files (*.alloc.json);;All files (*)</source>
        <translation>配分ファイル (*.alloc.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reference: {0}</source>
        <translation>参照：{0}</translation>
    </message>
    <message>
        <source>Prior δ {0}</source>
        <translation>事前分布の δ {0}</translation>
    </message>
</context>
<context>
    <name>QualityDialog</name>
    <message>
        <source>Data quality</source>
        <translation>データ品質</translation>
    </message>
    <message>
        <source>Computing the data-quality report…</source>
        <translation>データ品質レポートを計算中…</translation>
    </message>
    <message>
        <source>Click a column header to sort; rows in red need a look</source>
        <translation>列見出しをクリックすると並べ替えます。赤い行は確認が必要です</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>表をコピー</translation>
    </message>
    <message>
        <source>Copy the report as tab-separated text (for a spreadsheet)</source>
        <translation>レポートをタブ区切りテキストとしてコピーします（表計算ソフト用）</translation>
    </message>
    <message>
        <source>{n} series from {source}; estimation window {start} – {end}.</source>
        <translation>{source}の{n}系列、推定期間 {start}〜{end}。</translation>
    </message>
    <message>
        <source>earliest</source>
        <translation>最初から</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新まで</translation>
    </message>
    <message>
        <source>{n} need a look (in red).</source>
        <translation>{n}件は確認が必要です（赤）。</translation>
    </message>
    <message>
        <source>The report failed: {reason}</source>
        <translation>レポートを作成できませんでした：{reason}</translation>
    </message>
</context>
<context>
    <name>QualityTableModel</name>
    <message>
        <source>Ticker</source>
        <translation>銘柄コード</translation>
    </message>
    <message>
        <source>Yahoo Finance ticker</source>
        <translation>Yahoo!ファイナンスのティッカー</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>銘柄名</translation>
    </message>
    <message>
        <source>The asset's name</source>
        <translation>銘柄の名称</translation>
    </message>
    <message>
        <source>First</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>First price date in the window</source>
        <translation>期間内で最初の価格の日付</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最終日</translation>
    </message>
    <message>
        <source>Last price date in the window</source>
        <translation>期間内で最後の価格の日付</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>価格数</translation>
    </message>
    <message>
        <source>Prices in the estimation window</source>
        <translation>推定期間内の価格の数</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>カバー率</translation>
    </message>
    <message>
        <source>Share of the window's trading days with a price</source>
        <translation>期間内の取引日のうち価格がある割合</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>欠損</translation>
    </message>
    <message>
        <source>Gaps longer than 10 days</source>
        <translation>10日を超える欠損</translation>
    </message>
    <message>
        <source>Longest gap</source>
        <translation>最長の欠損</translation>
    </message>
    <message>
        <source>Longest gap between two prices, in days</source>
        <translation>2つの価格の間の最長の間隔（日数）</translation>
    </message>
    <message>
        <source>Stale runs</source>
        <translation>価格の据え置き</translation>
    </message>
    <message>
        <source>Runs of 5 or more unchanged prices</source>
        <translation>5回以上続く同じ価格</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>外れ値</translation>
    </message>
    <message>
        <source>Daily moves far outside the asset's usual range</source>
        <translation>その銘柄の通常の範囲を大きく外れた日次変動</translation>
    </message>
    <message>
        <source>Largest move</source>
        <translation>最大変動</translation>
    </message>
    <message>
        <source>Largest daily move (log return)</source>
        <translation>最大の日次変動（対数リターン）</translation>
    </message>
    <message>
        <source>On</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Date of the largest move</source>
        <translation>最大変動の日付</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>期間不足</translation>
    </message>
    <message>
        <source>The history does not cover the window</source>
        <translation>価格履歴が推定期間をカバーしていません</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation>確認すべき点</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
</context>
<context>
    <name>Recomputed</name>
    <message>
        <source>expected return</source>
        <translation>期待リターン</translation>
    </message>
    <message>
        <source>volatility</source>
        <translation>ボラティリティ</translation>
    </message>
    <message>
        <source>Sharpe ratio</source>
        <translation>シャープレシオ</translation>
    </message>
    <message>
        <source>theme weights</source>
        <translation>テーマ別の比率</translation>
    </message>
    <message>
        <source>country weights</source>
        <translation>国別の比率</translation>
    </message>
    <message>
        <source>currency exposure</source>
        <translation>通貨エクスポージャー</translation>
    </message>
    <message>
        <source>hedge amounts</source>
        <translation>ヘッジ額</translation>
    </message>
    <message>
        <source>risk contributions</source>
        <translation>リスク寄与</translation>
    </message>
    <message>
        <source>return and risk attribution</source>
        <translation>リターンとリスクの要因分解</translation>
    </message>
    <message>
        <source>optimal (0% to 100%)</source>
        <translation>最適（0%〜100%）</translation>
    </message>
    <message>
        <source>{lo} to {hi}</source>
        <translation>{lo}〜{hi}</translation>
    </message>
    <message>
        <source>{asset} at {weight}, above the {cap} cap per asset</source>
        <translation>{asset}が{weight}で、1銘柄の上限{cap}を超えています</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{asset} {weight}</source>
        <translation>{asset} {weight}</translation>
    </message>
    <message>
        <source>{listed}, …</source>
        <translation>{listed}、…</translation>
    </message>
    <message>
        <source>{n} assets above the {cap} cap per asset: {listed}</source>
        <translation>{n}銘柄が1銘柄の上限{cap}を超えています：{listed}</translation>
    </message>
    <message>
        <source>{target} ± {band}</source>
        <translation>{target} ± {band}</translation>
    </message>
    <message>
        <source>{theme} at {got}, off its target {target}</source>
        <translation>{theme}が{got}で、目標{target}から外れています</translation>
    </message>
    <message>
        <source>{country} at {got}, outside its bounds {lo} to {hi}</source>
        <translation>{country}が{got}で、範囲{lo}〜{hi}の外です</translation>
    </message>
    <message>
        <source>{currency} hedged {ratio}, outside the hedge setting {setting}</source>
        <translation>{currency}のヘッジ{ratio}が、ヘッジ設定{setting}の外です</translation>
    </message>
    <message>
        <source>figures in {stored} while the base currency is {base}</source>
        <translation>基準通貨が{base}なのに数値が{stored}建てです</translation>
    </message>
    <message>
        <source>stored figures that the weights do not give: {figures}</source>
        <translation>保存された数値が配分比率と一致しません：{figures}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{shown}; and {n} more</source>
        <translation>{shown}；ほか{n}件</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recomputed:&lt;/b&gt; the result stored in this file contradicted its own settings ({0}), so it was recomputed from the settings. File ▸ Save writes the recomputed result.</source>
        <translation>&lt;b&gt;再計算しました：&lt;/b&gt;このファイルに保存されていた結果は、ファイル自身の設定と矛盾していました（{0}）。そのため設定から計算し直しました。ファイル ▸ 保存 で再計算した結果を書き込みます。</translation>
    </message>
</context>
<context>
    <name>RefreshDialog</name>
    <message>
        <source>Refresh prices</source>
        <translation>価格の更新</translation>
    </message>
    <message>
        <source>Contacting Yahoo Finance…</source>
        <translation>Yahoo!ファイナンスに接続中…</translation>
    </message>
    <message>
        <source>Ticker</source>
        <translation>ティッカー</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last price date</source>
        <translation>最終価格日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>What happened to each ticker; failures are listed first</source>
        <translation>ティッカーごとの結果（失敗したものを先に表示）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop after the current batch; prices fetched so far are kept</source>
        <translation>現在の処理単位の後で停止します。取得済みの価格は保持されます</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>現在の処理単位の後でキャンセルします…</translation>
    </message>
    <message>
        <source>{0} of {1}: {2}</source>
        <translation>{1}件中{0}件：{2}</translation>
    </message>
    <message>
        <source>%v of %m with fresh prices</source>
        <translation>%m銘柄中%v銘柄の価格を更新</translation>
    </message>
    <message>
        <source>{0} ticker(s) without fresh prices are listed first.</source>
        <translation>新しい価格を取得できなかった{0}銘柄を先に表示しています。</translation>
    </message>
    <message>
        <source>The refresh failed: {0}</source>
        <translation>更新に失敗しました：{0}</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新済み</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>キャッシュ済み</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>旧データ</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>not fetched</source>
        <translation>未取得</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{1} {0}件</translation>
    </message>
    <message>
        <source>{0} tickers: {1}</source>
        <translation>{0}銘柄：{1}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; cancelled</source>
        <translation>。キャンセルされました</translation>
    </message>
    <message>
        <source>; stopped: {0}</source>
        <translation>。停止：{0}</translation>
    </message>
</context>
<context>
    <name>ResampledBandController</name>
    <message>
        <source>Resampled frontier band</source>
        <translation>リサンプリングしたフロンティアの帯</translation>
    </message>
    <message>
        <source>Draw the 10-90% range of frontiers re-estimated on bootstrapped return histories (Michaud resampling): how uncertain the frontier is</source>
        <translation>ブートストラップしたリターン履歴で再推定したフロンティアの10〜90%の範囲を描きます（Michaudのリサンプリング）：フロンティアの不確かさ</translation>
    </message>
    <message>
        <source>Resampled 10-90%</source>
        <translation>リサンプリング 10〜90%</translation>
    </message>
    <message>
        <source>Cannot compute the resampled band</source>
        <translation>リサンプリングの帯を計算できません</translation>
    </message>
</context>
<context>
    <name>ThemePanel</name>
    <message>
        <source>{0}: {1}
Tick to give this theme a target share of the portfolio; untick to leave it free (the optimiser decides).</source>
        <translation>{0}：{1}
チェックするとこのテーマにポートフォリオの目標比率を設定します。外すと自由（最適化が決定）になります。</translation>
    </message>
    <message>
        <source>Target share of {0} in the portfolio (drag, or use the arrow keys)</source>
        <translation>ポートフォリオに占める{0}の目標比率（ドラッグまたは矢印キー）</translation>
    </message>
    <message>
        <source>Target share of {0}, in percent of the portfolio</source>
        <translation>{0}の目標比率（ポートフォリオに対する%）</translation>
    </message>
    <message>
        <source>The share {0} has in the current allocation</source>
        <translation>現在の配分で{0}が占める比率</translation>
    </message>
    <message>
        <source>free</source>
        <translation>自由</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>How much of the portfolio each theme should get; unticked themes are free</source>
        <translation>各テーマに配分する比率。チェックのないテーマは自由です</translation>
    </message>
    <message>
        <source>Sum of the theme targets; what is left goes to the free themes</source>
        <translation>テーマ目標の合計。残りは自由なテーマに配分されます</translation>
    </message>
    <message>
        <source>Allowed band around every theme target (± percentage points)</source>
        <translation>各テーマ目標の許容幅（±パーセントポイント）</translation>
    </message>
    <message>
        <source>band</source>
        <translation>許容幅</translation>
    </message>
    <message>
        <source>Normalise to 100%</source>
        <translation>100%に正規化</translation>
    </message>
    <message>
        <source>Scale the targeted themes so they sum to exactly 100% (Ctrl+Shift+N)</source>
        <translation>目標を設定したテーマの合計がちょうど100%になるよう調整します（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>All free</source>
        <translation>すべて自由</translation>
    </message>
    <message>
        <source>Remove every theme target: the optimiser chooses the mix</source>
        <translation>テーマ目標をすべて解除し、配分を最適化に任せます</translation>
    </message>
    <message>
        <source>Theme band ±{0}</source>
        <translation>テーマ許容幅 ±{0}</translation>
    </message>
    <message>
        <source>All themes free</source>
        <translation>すべてのテーマを自由に</translation>
    </message>
    <message>
        <source>{0}: no asset of this theme has prices in the current data, so it gets nothing; untick to remove its target</source>
        <translation>{0}：現在のデータにはこのテーマの銘柄の価格がないため、配分はゼロです。チェックを外すと目標を解除します</translation>
    </message>
    <message>
        <source>{0}: no asset of this theme has prices in the current data, so it gets nothing</source>
        <translation>{0}：現在のデータにはこのテーマの銘柄の価格がないため、配分はゼロです</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>Targets sum to &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>目標の合計 &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{0} free</source>
        <translation>自由 {0}</translation>
    </message>
    <message>
        <source>Target {0}</source>
        <translation>{0}に目標を設定</translation>
    </message>
    <message>
        <source>Free {0}</source>
        <translation>{0}を自由に</translation>
    </message>
    <message>
        <source>Normalise theme targets</source>
        <translation>テーマ目標を正規化</translation>
    </message>
</context>
<context>
    <name>ViewsPanel</name>
    <message>
        <source>Your view on {0}: an annual return, or a margin over another theme</source>
        <extracomment>Mean methods the panel's mode buttons switch between.</extracomment>
        <translation>{0}への見通し：年率リターン、または他のテーマに対する上回り幅</translation>
    </message>
    <message>
        <source>Annual return you expect (or the margin over the other theme)</source>
        <translation>予想する年率リターン（または他のテーマに対する上回り幅）</translation>
    </message>
    <message>
        <source>How sure you are: 100% makes the view hold exactly, near 0% leaves the prior</source>
        <translation>確信度：100%なら見通しどおり、0%に近いほど事前分布のまま</translation>
    </message>
    <message>
        <source>no view</source>
        <translation>見通しなし</translation>
    </message>
    <message>
        <source>returns</source>
        <translation>リターン</translation>
    </message>
    <message>
        <source>beats {0} by</source>
        <translation>{0}を上回る幅</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>見通し</translation>
    </message>
    <message>
        <source>What you believe about each theme and how sure you are (Black-Litterman around the market's equilibrium)</source>
        <translation>各テーマへの見通しとその確信度（市場均衡を中心としたブラック・リッターマン）</translation>
    </message>
    <message>
        <source>Expected returns</source>
        <translation>期待リターン</translation>
    </message>
    <message>
        <source>Equilibrium + your views</source>
        <translation>均衡＋見通し</translation>
    </message>
    <message>
        <source>Equilibrium prior (no views)</source>
        <translation>均衡事前分布（見通しなし）</translation>
    </message>
    <message>
        <source>Historical means (in-sample)</source>
        <translation>過去平均（インサンプル）</translation>
    </message>
    <message>
        <source>Equilibrium: the returns that make the reference portfolio optimal, moved by your views. Historical: the past decade's average returns, fitted in-sample (they bet on past winners)</source>
        <translation>均衡：参照ポートフォリオを最適にするリターンを、見通しで調整したもの。過去：過去10年の平均リターンをインサンプルで当てはめたもの（過去の勝ち組に賭けることになります）</translation>
    </message>
    <message>
        <source>No views</source>
        <translation>見通しなし</translation>
    </message>
    <message>
        <source>Remove every theme view: back to the equilibrium prior</source>
        <translation>テーマへの見通しをすべて解除し、均衡事前分布に戻します</translation>
    </message>
    <message>
        <source>Historical ({0}, in-sample)</source>
        <translation>過去（{0}、インサンプル）</translation>
    </message>
    <message>
        <source>No asset of this theme has prices in the current data</source>
        <translation>現在のデータにはこのテーマの銘柄の価格がありません</translation>
    </message>
    <message>
        <source>market-cap reference</source>
        <translation>時価総額を参照</translation>
    </message>
    <message>
        <source>equal-weight reference</source>
        <translation>均等配分を参照</translation>
    </message>
    <message>
        <source>reference: {0}</source>
        <translation>参照：{0}</translation>
    </message>
    <message>
        <source>Views are not used: the optimiser works from historical means (in-sample).</source>
        <translation>見通しは使われません：最適化は過去平均（インサンプル）から行います。</translation>
    </message>
    <message>
        <source>Prior: {0}, δ {1} ({2}), τ {3}</source>
        <translation>事前分布：{0}、δ {1}（{2}）、τ {3}</translation>
    </message>
    <message>
        <source>Prior: {0}</source>
        <translation>事前分布：{0}</translation>
    </message>
    <message>
        <source>and {0} asset view(s) from the file: {1}</source>
        <translation>ファイルからの銘柄別見通し{0}件：{1}</translation>
    </message>
    <message>
        <source>Where the prior comes from</source>
        <translation>事前分布の出所</translation>
    </message>
    <message>
        <source>Expected returns: {0}</source>
        <translation>期待リターン：{0}</translation>
    </message>
    <message>
        <source>Remove all views</source>
        <translation>見通しをすべて解除</translation>
    </message>
    <message>
        <source>No view on {0}</source>
        <translation>{0}の見通しなし</translation>
    </message>
    <message>
        <source>{0} beats {1} by {2} ({3} sure)</source>
        <translation>{0}が{1}を{2}上回る（確信度 {3}）</translation>
    </message>
    <message>
        <source>View {0} {1} ({2} sure)</source>
        <translation>見通し {0} {1}（確信度 {2}）</translation>
    </message>
    <message>
        <source>Prior</source>
        <translation>事前分布</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>import it again (Data ▸ Import prices from a CSV file) and choose “Use the prices as they are”</source>
        <translation>もう一度読み込み（データ ▸ CSVファイルから価格を読み込む）、「このまま価格を使う」を選んでください</translation>
    </message>
    <message>
        <source>Data ▸ Refresh prices (F5)</source>
        <translation>データ ▸ 価格の更新 (F5)</translation>
    </message>
    <message>
        <source>use {menu}</source>
        <translation>{menu} を使用してください</translation>
    </message>
    <message>
        <source>choose {ccy} as the base currency (Currency panel)</source>
        <translation>基準通貨に{ccy}を選んでください（通貨パネル）</translation>
    </message>
    <message>
        <source>{country} {lo} to {hi}</source>
        <translation>{country} {lo}〜{hi}</translation>
    </message>
    <message>
        <source>Limits ▸ Max per asset</source>
        <translation>制約 ▸ 1銘柄の上限</translation>
    </message>
    <message>
        <source>Themes ▸ band</source>
        <translation>テーマ ▸ 許容幅</translation>
    </message>
    <message>
        <source>Limits ▸ country bounds</source>
        <translation>制約 ▸ 国別の範囲</translation>
    </message>
    <message>
        <source>Currency ▸ Hedge</source>
        <translation>通貨 ▸ 為替ヘッジ</translation>
    </message>
    <message>
        <source>Estimation ▸ Window</source>
        <translation>推定 ▸ 推定期間</translation>
    </message>
    <message>
        <source>Currency ▸ Base</source>
        <translation>通貨 ▸ 基準通貨</translation>
    </message>
    <message>
        <source>Data ▸ Price source</source>
        <translation>データ ▸ 価格データの出所</translation>
    </message>
    <message>
        <source>Objective ▸ Risk-free</source>
        <translation>目的 ▸ 無リスク金利</translation>
    </message>
    <message>
        <source>theme target {name}</source>
        <translation>テーマ目標 {name}</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>米国</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
</context>
</TS>
