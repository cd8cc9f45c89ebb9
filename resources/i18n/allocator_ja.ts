<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
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
        <source>The asset&apos;s primary theme</source>
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
        <source>Share of the portfolio&apos;s variance this position contributes</source>
        <translation>このポジションがポートフォリオの分散に占める寄与率</translation>
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
        <translation>{ccy}の先物売り（{ccy}エクスポージャーの{ratio}）</translation>
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
        <source>Weights by theme</source>
        <translation>テーマ別比率</translation>
    </message>
    <message>
        <source>Export curves…</source>
        <translation>曲線をエクスポート…</translation>
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
        <source>&apos;fixed&apos; holds today&apos;s allocation throughout (hindsight).</source>
        <translation>「fixed」は現在の配分を全期間保有します（後知恵）。</translation>
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
    <name>Core</name>
    <message>
        <source>; </source>
        <translation>。</translation>
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
        <source>{file} has no {fx} column; USD/JPY taken from the price cache</source>
        <translation>{file}に{fx}列がないため、ドル円は価格キャッシュから取得しました</translation>
    </message>
    <message>
        <source>{file} has no {fx} (USD/JPY) column; add one to translate currencies</source>
        <translation>{file}に{fx}（ドル円）列がありません。通貨換算にはこの列を追加してください</translation>
    </message>
    <message>
        <source>{ticker}: refresh failed ({why}); using cached prices to {last}</source>
        <translation>{ticker}：更新に失敗しました（{why}）。{last}までのキャッシュ価格を使用します</translation>
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
        <source>target volatility {target} is above the highest volatility an efficient portfolio reaches under these constraints ({vol}): the result is the highest-return portfolio, at {vol}</source>
        <translation>目標ボラティリティ{target}は、この制約の下で効率的ポートフォリオが達する最大のボラティリティ（{vol}）を上回っています：結果は最高リターンのポートフォリオ（{vol}）です</translation>
    </message>
    <message>
        <source>target return {target} is below the return of the least-risk portfolio under these constraints ({ret}): the result is the minimum-variance portfolio, at {ret}</source>
        <translation>目標リターン{target}は、この制約の下で最小リスクのポートフォリオのリターン（{ret}）を下回っています：結果は最小分散ポートフォリオ（{ret}）です</translation>
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
        <source>theme {theme} has no assets with data in {source}{members}; drop its target or add prices for them</source>
        <translation>テーマ{theme}には{source}にデータのある銘柄がありません{members}。目標を外すか、価格を追加してください</translation>
    </message>
    <message>
        <source>{ticker} is now in the default universe; your copy is ignored</source>
        <translation>{ticker}は既定のユニバースに含まれるようになったため、ユーザー追加分は無視されます</translation>
    </message>
    <message>
        <source>theme {theme} is now in the default universe; your copy is ignored</source>
        <translation>テーマ{theme}は既定のユニバースに含まれるようになったため、ユーザー追加分は無視されます</translation>
    </message>
</context>
<context>
    <name>FrontierPlot</name>
    <message>
        <source>net of a one-time cost of {cost:.2f}% (turnover {turnover:.0f}%) from your holdings</source>
        <translation>現在の保有からの一時コスト {cost:.2f}%（売買回転率 {turnover:.0f}%）控除後</translation>
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
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Walk-forward backtest of these settings against simple benchmarks</source>
        <translation>この設定のウォークフォワード・バックテスト（単純なベンチマークとの比較）</translation>
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
        <source>Run backtest</source>
        <translation>バックテストを実行</translation>
    </message>
    <message>
        <source>Walk the settings forward through the history (Backtest tab)</source>
        <translation>設定で価格履歴をウォークフォワード検証します（バックテストタブ）</translation>
    </message>
</context>
</TS>
