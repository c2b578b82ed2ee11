<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- A translation that check_translations.py must refuse: one message unfinished, one that
     the sources no longer have, and (against the real sources) every other message missing. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>fp::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A string the sources no longer have</source>
        <translation>源代码中已没有的字符串</translation>
    </message>
</context>
</TS>
