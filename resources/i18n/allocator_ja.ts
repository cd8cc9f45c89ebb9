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
        <source>dropped a damaged cache file for {ticker} ({why}); fetch it again</source>
        <translation>{ticker}の破損したキャッシュファイルを削除しました（{why}）。再取得してください</translation>
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
        <source>{ticker} is now in the default universe; your copy is ignored</source>
        <translation>{ticker}は既定のユニバースに含まれるようになったため、ユーザー追加分は無視されます</translation>
    </message>
    <message>
        <source>theme {theme} is now in the default universe; your copy is ignored</source>
        <translation>テーマ{theme}は既定のユニバースに含まれるようになったため、ユーザー追加分は無視されます</translation>
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
</context>
</TS>
