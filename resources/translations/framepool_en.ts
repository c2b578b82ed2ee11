<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>RunOutcome</name>
    <message numerus="yes">
        <source>%n item(s) left queued.</source>
        <translation>
            <numerusform>%n item left queued.</numerusform>
            <numerusform>%n items left queued.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::HistoryModel</name>
    <message numerus="yes">
        <source>%n thread(s) per worker, %1, chunk size %2, segment size %3, %4 launcher</source>
        <translation>
            <numerusform>%n thread per worker, %1, chunk size %2, segment size %3, %4 launcher</numerusform>
            <numerusform>%n threads per worker, %1, chunk size %2, segment size %3, %4 launcher</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ItemModel</name>
    <message numerus="yes">
        <source>%1, with %n warning(s):</source>
        <translation>
            <numerusform>%1, with %n warning:</numerusform>
            <numerusform>%1, with %n warnings:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, with %n warning(s)</source>
        <translation>
            <numerusform>%1, with %n warning</numerusform>
            <numerusform>%1, with %n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::MainWindow</name>
    <message numerus="yes">
        <source>%n item(s) joined the run.</source>
        <translation>
            <numerusform>%n item joined the run.</numerusform>
            <numerusform>%n items joined the run.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::MediaIntake</name>
    <message numerus="yes">
        <source>Added %n item(s).</source>
        <translation>
            <numerusform>Added %n item.</numerusform>
            <numerusform>Added %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n item(s); </source>
        <translation>
            <numerusform>Added %n item; </numerusform>
            <numerusform>Added %n items; </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::QueueAutosave</name>
    <message numerus="yes">
        <source>Restored %n item(s) from the last session; </source>
        <translation>
            <numerusform>Restored %n item from the last session; </numerusform>
            <numerusform>Restored %n items from the last session; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted (Retry Failed runs them again).</source>
        <translation>
            <numerusform>%n interrupted (Retry Failed runs it again).</numerusform>
            <numerusform>%n interrupted (Retry Failed runs them again).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n item(s) from the last session.</source>
        <translation>
            <numerusform>Restored %n item from the last session.</numerusform>
            <numerusform>Restored %n items from the last session.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::RefusedNotice</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ReportExport</name>
    <message numerus="yes">
        <source>%n report(s) written to %1 as %2-&lt;start&gt;.%3</source>
        <translation>
            <numerusform>%n report written to %1 as %2-&lt;start&gt;.%3</numerusform>
            <numerusform>%n reports written to %1 as %2-&lt;start&gt;.%3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n Timing Report(s)</source>
        <translation>
            <numerusform>Export %n Timing Report</numerusform>
            <numerusform>Export %n Timing Reports</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::RunStatusLine</name>
    <message numerus="yes">
        <source>Running %n item(s) serially on 1 worker…</source>
        <translation>
            <numerusform>Running %n item serially on 1 worker…</numerusform>
            <numerusform>Running %n items serially on 1 worker…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Running %n item(s) in parallel on %1 workers…</source>
        <translation>
            <numerusform>Running %n item in parallel on %1 workers…</numerusform>
            <numerusform>Running %n items in parallel on %1 workers…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::RunToolBar</name>
    <message numerus="yes">
        <source>Worker processes for parallel runs (%n usable core(s) here)</source>
        <translation>
            <numerusform>Worker processes for parallel runs (%n usable core here)</numerusform>
            <numerusform>Worker processes for parallel runs (%n usable cores here)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::TimingPanel</name>
    <message numerus="yes">
        <source>%Ln worker(s)</source>
        <translation>
            <numerusform>%Ln worker</numerusform>
            <numerusform>%Ln workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln frame(s)</source>
        <translation>
            <numerusform>%Ln frame</numerusform>
            <numerusform>%Ln frames</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::WallTimeChart</name>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
</context>
</TS>
