<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>The monthly circular ranks every township of the county on entry rate, coverage, cross-check feedback and receipt; the formulas are printed on it.</source>
        <translation>月度通报按入库率、覆盖率、协查反馈率和信息接收率对全县各乡镇排名，计算公式印在通报上。</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>The daily summary lists the day&apos;s entries by form, village, clerk and hour, with a QR code the county uses to check the paper against the data. Print it, sign it and file it.</source>
        <translation>日报按表单、村街、录入员和时段列出当日录入情况，并附二维码，县里可据此核对纸质日报与数据。打印后签字存档。</translation>
    </message>
    <message>
        <source>Pre&amp;view...</source>
        <translation>预览(&amp;V)...</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>打印(&amp;P)...</translation>
    </message>
    <message>
        <source>&amp;Save as PDF...</source>
        <translation>另存为 PDF(&amp;S)...</translation>
    </message>
    <message>
        <source>Monthly circular</source>
        <translation>月度通报</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Building the monthly circular…</source>
        <translation>正在生成月度通报…</translation>
    </message>
    <message>
        <source>Building the daily summary…</source>
        <translation>正在生成日报…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <source>Printed 1 page.</source>
        <translation>已打印 1 页。</translation>
    </message>
    <message>
        <source>Printed %n pages.</source>
        <translation>已打印 %n 页。</translation>
    </message>
    <message>
        <source>Saved %1 (1 page).</source>
        <translation>已保存 %1（共 1 页）。</translation>
    </message>
    <message>
        <source>Saved %1 (%n pages).</source>
        <translation>已保存 %1（共 %n 页）。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
</TS>
