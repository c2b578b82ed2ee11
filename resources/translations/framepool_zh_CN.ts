<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalysisInfo</name>
    <message>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <source>mean gray level (0-255) of each frame</source>
        <translation>每帧的平均灰度（0–255）</translation>
    </message>
    <message>
        <source>Colorfulness</source>
        <translation>色彩丰富度</translation>
    </message>
    <message>
        <source>Hasler and Süsstrunk&apos;s colourfulness of each frame (0 for gray)</source>
        <translation>每帧的 Hasler–Süsstrunk 色彩丰富度（灰色为 0）</translation>
    </message>
    <message>
        <source>Dominant colour</source>
        <translation>主色</translation>
    </message>
    <message>
        <source>the exact 24-bit colour with the most pixels, and its share</source>
        <translation>像素最多的精确 24 位颜色及其占比</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>运动</translation>
    </message>
    <message>
        <source>fraction of pixels whose gray level changes by more than the threshold between frames</source>
        <translation>相邻帧之间灰度变化超过阈值的像素比例</translation>
    </message>
    <message>
        <source>gray-level change (0-254) above which a pixel counts as moving</source>
        <translation>灰度变化超过此值（0–254）的像素视为运动</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>调色板</translation>
    </message>
    <message>
        <source>the most common colours after quantising each channel, with their shares</source>
        <translation>对每个通道量化后最常见的颜色及其占比</translation>
    </message>
    <message>
        <source>how many colours to report</source>
        <translation>要报告的颜色数量</translation>
    </message>
    <message>
        <source>bits kept per channel (4: 16 levels each, 4,096 colours)</source>
        <translation>每个通道保留的位数（4：每通道 16 级，共 4,096 种颜色）</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <source>variance of the Laplacian of each gray frame: higher is sharper</source>
        <translation>每个灰度帧的拉普拉斯方差：越高越清晰</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>PathCheck</name>
    <message>
        <source>folder cannot be read</source>
        <translation>无法读取文件夹</translation>
    </message>
    <message>
        <source>folder has no images (looked for %1)</source>
        <translation>文件夹中没有图像（查找了 %1）</translation>
    </message>
</context>
<context>
    <name>RunOutcome</name>
    <message>
        <source>Compare finished: serial %L1 s, parallel %L2 s on %3 workers, speed-up %L4×.</source>
        <translation>对比完成：串行 %L1 秒，%3 个工作进程并行 %L2 秒，加速比 %L4×。</translation>
    </message>
    <message>
        <source>Run finished in %L1 s: %2 ok, %3 failed, %4 cancelled.</source>
        <translation>运行完成，用时 %L1 秒：成功 %2 个，失败 %3 个，取消 %4 个。</translation>
    </message>
    <message>
        <source>Compare of %1 rounds finished: serial median %2 s, parallel median %3 s on %4 workers, speed-up %5× (%6–%7).</source>
        <translation>%1 轮对比已完成：串行中位数 %2 秒，%4 个工作进程的并行中位数 %3 秒，加速比 %5×（%6–%7）。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left queued.</source>
        <translation>
            <numerusform>%n 个项目仍在队列中。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::AnalysisCatalog</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>%1 --describe did not answer within %2 s</source>
        <translation>%1 --describe 在 %2 秒内没有响应</translation>
    </message>
    <message>
        <source>%1 --describe failed (exit code %2)</source>
        <translation>%1 --describe 失败（退出码 %2）</translation>
    </message>
    <message>
        <source>%1 --describe gave no JSON object (%2)</source>
        <translation>%1 --describe 没有给出 JSON 对象（%2）</translation>
    </message>
    <message>
        <source>%1 --describe offers no analyses</source>
        <translation>%1 --describe 没有提供任何分析</translation>
    </message>
</context>
<context>
    <name>fp::AnalysisChooser</name>
    <message>
        <source>Loading analyses…</source>
        <translation>正在加载分析…</translation>
    </message>
    <message>
        <source>No analyses: %1</source>
        <translation>没有可用的分析：%1</translation>
    </message>
    <message>
        <source>Your analysis…</source>
        <translation>自定义分析…</translation>
    </message>
    <message>
        <source>Choose a Python file with analyze_frame() or analyze_file()</source>
        <translation>选择一个定义了 analyze_frame() 或 analyze_file() 的 Python 文件</translation>
    </message>
    <message>
        <source>Your Analysis</source>
        <translation>自定义分析</translation>
    </message>
    <message>
        <source>Python analysis (*.py)</source>
        <translation>Python 分析 (*.py)</translation>
    </message>
    <message>
        <source>the worker declared no analysis in it</source>
        <translation>工作进程在其中没有找到任何分析</translation>
    </message>
    <message>
        <source>%1 cannot be used:

%2</source>
        <translation>无法使用 %1：

%2</translation>
    </message>
</context>
<context>
    <name>fp::DoneCommand</name>
    <message>
        <source>The when-done command %1 could not start: %2</source>
        <translation>完成后命令 %1 无法启动：%2</translation>
    </message>
    <message>
        <source>The when-done command %1 crashed.</source>
        <translation>完成后命令 %1 崩溃了。</translation>
    </message>
    <message>
        <source>The when-done command %1 exited with %2.</source>
        <translation>完成后命令 %1 退出，返回码 %2。</translation>
    </message>
</context>
<context>
    <name>fp::GanttView</name>
    <message>
        <source>worker %1</source>
        <translation>工作进程 %1</translation>
    </message>
    <message>
        <source>unknown worker</source>
        <translation>未知工作进程</translation>
    </message>
    <message>
        <source>item %1</source>
        <translation>项目 %1</translation>
    </message>
    <message>
        <source>running for %1 s, %2 frames so far, %3</source>
        <translation>已运行 %1 秒，目前 %2 帧，%3</translation>
    </message>
    <message>
        <source>%1 s, %2 frames, %3</source>
        <translation>%1 秒，%2 帧，%3</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>cancelled after %1 s, %2 frames, %3</source>
        <translation>%1 秒后取消，%2 帧，%3</translation>
    </message>
    <message>
        <source>paused after %1 s, %2 frames so far, %3</source>
        <translation>%1 秒后暂停，目前 %2 帧，%3</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <comment>a bar&apos;s tooltip, then the node it ran on</comment>
        <translation>%1，位于 %2</translation>
    </message>
</context>
<context>
    <name>fp::HistoryComparisonView</name>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Serial wall time</source>
        <translation>串行耗时</translation>
    </message>
    <message>
        <source>Parallel wall time</source>
        <translation>并行耗时</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Load average at start</source>
        <translation>开始时的平均负载</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>B ÷ A</source>
        <translation>B ÷ A</translation>
    </message>
    <message>
        <source>Serial against parallel: speed-up %1×, efficiency %2 %.</source>
        <translation>串行对比并行：加速比 %1×，效率 %2 %。</translation>
    </message>
    <message>
        <source>No speed-up between them: %1.</source>
        <translation>两者之间没有加速比：%1。</translation>
    </message>
    <message>
        <source>Both ran the same items to the end: B ÷ A compares their times.</source>
        <translation>两次运行都完整处理了相同的项目：B ÷ A 比较它们的耗时。</translation>
    </message>
    <message>
        <source>They did not run the same items to the end: only their throughput compares.</source>
        <translation>两次运行没有完整处理相同的项目：只能比较吞吐量。</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>fp::HistoryModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Compare, %1 rounds</source>
        <translation>对比，%1 轮</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Parallel run</source>
        <translation>并行运行</translation>
    </message>
    <message>
        <source>Serial run</source>
        <translation>串行运行</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>no speed-up</source>
        <translation>无加速比</translation>
    </message>
    <message>
        <source>%1× (%2–%3)</source>
        <translation>%1×（%2–%3）</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>never split</source>
        <translation>不切分</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>queue order</source>
        <translation>队列顺序</translation>
    </message>
    <message>
        <source>fastest finish</source>
        <translation>最快完成</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: %2, workers: %3, %4; parameters: %5</source>
        <translation>%1：%2，工作进程：%3，%4；参数：%5</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) per worker, %1, chunk size %2, segment size %3, %4 launcher</source>
        <translation>
            <numerusform>每个工作进程 %n 个线程，%1，分块大小 %2，分段大小 %3，启动方式 %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::HistoryView</name>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Every finished run. Select one to show it, two to compare them side by side.</source>
        <translation>每一次已完成的运行。选择一项查看，选择两项并排比较。</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected runs from the history</source>
        <translation>从历史中删除所选运行</translation>
    </message>
</context>
<context>
    <name>fp::ItemModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>fps</source>
        <translation>帧/秒</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>image set</source>
        <translation>图像集</translation>
    </message>
    <message>
        <source>%L1 / %L2</source>
        <comment>frames done / frames</comment>
        <translation>%L1 / %L2</translation>
    </message>
    <message>
        <source>worker #%1</source>
        <translation>工作进程 #%1</translation>
    </message>
    <message>
        <source>worker #%1 on %2</source>
        <translation>工作进程 #%1，位于 %2</translation>
    </message>
    <message>
        <source>Ran on %1</source>
        <translation>运行于 %1</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 / %2 %3</translation>
    </message>
    <message>
        <source>frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>images</source>
        <translation>张图像</translation>
    </message>
    <message numerus="yes">
        <source>%1, with %n warning(s):</source>
        <translation>
            <numerusform>%1，有 %n 个警告：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, with %n warning(s)</source>
        <translation>
            <numerusform>%1，有 %n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>finished, waiting</source>
        <translation>已完成，等待交付</translation>
    </message>
    <message>
        <source>held</source>
        <translation>已暂缓</translation>
    </message>
    <message>
        <source>Held: no run starts it until you release it (Hold again)</source>
        <translation>已暂缓：在您解除之前（再次点击“暂缓”），任何运行都不会启动它</translation>
    </message>
</context>
<context>
    <name>fp::ItemView</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Videos and image sets to analyse, with their progress and results</source>
        <translation>待分析的视频和图像集，及其进度与结果</translation>
    </message>
    <message>
        <source>Drop videos and folders of images here,
or use Add Files… and Add Folder…</source>
        <translation>将视频和图像文件夹拖放到这里，
或使用“添加文件…”和“添加文件夹…”</translation>
    </message>
</context>
<context>
    <name>fp::LauncherChoice</name>
    <message>
        <source>Runs start their workers through Slurm.</source>
        <translation>运行将通过 Slurm 启动工作进程。</translation>
    </message>
    <message>
        <source>Runs start their workers on this machine.</source>
        <translation>运行将在本机启动工作进程。</translation>
    </message>
</context>
<context>
    <name>fp::LogDialog</name>
    <message>
        <source>Log: %1</source>
        <translation>日志：%1</translation>
    </message>
    <message>
        <source>Log of %1</source>
        <translation>%1 的日志</translation>
    </message>
    <message>
        <source>[… only the last %1 characters are shown]
</source>
        <translation>[… 仅显示最后 %1 个字符]
</translation>
    </message>
    <message>
        <source>Status: %1

</source>
        <translation>状态：%1

</translation>
    </message>
    <message>
        <source>The worker wrote nothing for this item.</source>
        <translation>工作进程没有为此项目输出任何内容。</translation>
    </message>
    <message>
        <source>No log: this item was not part of the latest run.</source>
        <translation>没有日志：此项目不在最近一次运行中。</translation>
    </message>
</context>
<context>
    <name>fp::MainWindow</name>
    <message>
        <source>Stop the Run?</source>
        <translation>停止运行？</translation>
    </message>
    <message>
        <source>A run is in progress. Stop its workers and quit?</source>
        <translation>正在运行中。要停止工作进程并退出吗？</translation>
    </message>
    <message>
        <source>Cancel the Run?</source>
        <translation>取消运行？</translation>
    </message>
    <message>
        <source>Stop every item of the run? Finished results stay.</source>
        <translation>要停止本次运行的所有项目吗？已完成的结果会保留。</translation>
    </message>
    <message>
        <source>FramePool</source>
        <translation>FramePool</translation>
    </message>
    <message>
        <source>Drop videos and image folders onto the window to begin.</source>
        <translation>将视频和图像文件夹拖放到窗口中即可开始。</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>计时</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Add videos or image folders first.</source>
        <translation>请先添加视频或图像文件夹。</translation>
    </message>
    <message>
        <source>Cannot Run</source>
        <translation>无法运行</translation>
    </message>
    <message>
        <source>Re&amp;peat Compare:</source>
        <translation>重复对比(&amp;P)：</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) joined the run.</source>
        <translation>
            <numerusform>%n 个项目加入了运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every item is held: release one (Hold) to run it.</source>
        <translation>所有项目都已暂缓：解除其中一个（暂缓）即可运行。</translation>
    </message>
    <message>
        <source>Finishing the items under way; no more will start.</source>
        <translation>正在完成进行中的项目；不再启动新项目。</translation>
    </message>
    <message>
        <source>Nothing to retry: no item failed, was cancelled, was interrupted or was left queued.</source>
        <translation>没有需要重试的项目：没有失败、取消、中断或留在队列中的项目。</translation>
    </message>
    <message>
        <source>Loading the analyses; the run starts in a moment…</source>
        <translation>正在加载分析列表；运行即将开始…</translation>
    </message>
</context>
<context>
    <name>fp::MediaIntake</name>
    <message>
        <source>already in the queue</source>
        <translation>已在队列中</translation>
    </message>
    <message numerus="yes">
        <source>Added %n item(s).</source>
        <translation>
            <numerusform>已添加 %n 个项目。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n item(s); </source>
        <translation>
            <numerusform>已添加 %n 个项目；</numerusform>
        </translation>
    </message>
    <message>
        <source>refused %1: %2</source>
        <translation>拒绝了 %1：%2</translation>
    </message>
    <message>
        <source>Add Videos or Images</source>
        <translation>添加视频或图像</translation>
    </message>
    <message>
        <source>Media (%1 %2);;Videos (%1);;Images (%2);;All files (*)</source>
        <translation>媒体 (%1 %2);;视频 (%1);;图像 (%2);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add a Folder of Images</source>
        <translation>添加图像文件夹</translation>
    </message>
    <message>
        <source>No sample media found. Set FRAMEPOOL_SAMPLES to a folder of samples.</source>
        <translation>找不到示例媒体。请将 FRAMEPOOL_SAMPLES 设置为示例所在的文件夹。</translation>
    </message>
    <message>
        <source>Welcome to FramePool</source>
        <translation>欢迎使用 FramePool</translation>
    </message>
    <message>
        <source>Load the demo set of sample videos and images?

Then press Compare to see how much faster a parallel run is than a serial one on this machine.</source>
        <translation>要加载示例视频和图像的演示集吗？

然后点击“对比”，看看在这台机器上并行运行比串行运行快多少。</translation>
    </message>
</context>
<context>
    <name>fp::OverallProgress</name>
    <message>
        <source>Overall progress</source>
        <translation>总体进度</translation>
    </message>
    <message>
        <source>Time remaining</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>ETA %1 (elapsed %1)</source>
        <translation>剩余 %1（已用 %1）</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>%L1 of %L2 done</source>
        <translation>已完成 %L1 / %L2</translation>
    </message>
    <message>
        <source>%L1 failed</source>
        <translation>失败 %L1</translation>
    </message>
    <message>
        <source>%L1 cancelled</source>
        <translation>取消 %L1</translation>
    </message>
    <message>
        <source>%L1 to go</source>
        <translation>剩余 %L1</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the counts of a run</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>Serial run: %1 (%p%)</source>
        <translation>串行运行：%1（%p%）</translation>
    </message>
    <message>
        <source>Parallel run: %1 (%p%)</source>
        <translation>并行运行：%1（%p%）</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>ETA %1 (elapsed %2)</source>
        <translation>剩余 %1（已用 %2）</translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>%L1 left queued</source>
        <translation>%L1 个留在队列中</translation>
    </message>
</context>
<context>
    <name>fp::ParametersDialog</name>
    <message>
        <source>Parameters of %1</source>
        <translation>%1 的参数</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Values for the script&apos;s setup(), passed as text.</source>
        <translation>传给脚本 setup() 的值，以文本形式传递。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>This analysis takes no parameters.</source>
        <translation>此分析没有参数。</translation>
    </message>
    <message>
        <source>Hover over a key for what it does and the values it accepts.</source>
        <translation>将鼠标悬停在键上，可查看其作用和可接受的值。</translation>
    </message>
    <message>
        <source>%1
From %2 to %3; default %4</source>
        <translation>%1
范围 %2 到 %3；默认 %4</translation>
    </message>
</context>
<context>
    <name>fp::PreviewPane</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The frame a worker is analysing for the selected item</source>
        <translation>工作进程正在为所选项目分析的帧</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (%2 on worker %3)</source>
        <translation>%1（%2，工作进程 %3）</translation>
    </message>
    <message>
        <source>Frames appear here while a worker analyses this item.</source>
        <translation>工作进程分析此项目时，帧会显示在这里。</translation>
    </message>
    <message>
        <source>Select a running item to see the frame its worker is on.</source>
        <translation>选择一个正在运行的项目，即可查看其工作进程正在处理的帧。</translation>
    </message>
</context>
<context>
    <name>fp::ProgressDelegate</name>
    <message>
        <source>%L1 / %L2 %3</source>
        <comment>done / total, then &apos;frames&apos; or &apos;images&apos;</comment>
        <translation>%L1 / %L2 %3</translation>
    </message>
    <message>
        <source>%L1 %2</source>
        <comment>done, then &apos;frames&apos; or &apos;images&apos;</comment>
        <translation>%L1 %2</translation>
    </message>
</context>
<context>
    <name>fp::QueueAutosave</name>
    <message numerus="yes">
        <source>Restored %n item(s) from the last session; </source>
        <translation>
            <numerusform>已从上次会话恢复 %n 个项目；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted (Retry Failed runs them again).</source>
        <translation>
            <numerusform>%n 个已中断（“重试失败项”可再次运行它们）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n item(s) from the last session.</source>
        <translation>
            <numerusform>已从上次会话恢复 %n 个项目。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::QueueStore</name>
    <message>
        <source>cannot save the queue: %1</source>
        <translation>无法保存队列：%1</translation>
    </message>
    <message>
        <source>cannot restore the queue from %1: %2</source>
        <translation>无法从 %1 恢复队列：%2</translation>
    </message>
    <message>
        <source>%1; the file was kept as %2</source>
        <translation>%1；该文件已保留为 %2</translation>
    </message>
    <message>
        <source>unknown format version</source>
        <translation>未知的格式版本</translation>
    </message>
    <message>
        <source>%1 was not readable; it was kept as %2</source>
        <translation>%1 无法读取；已保留为 %2</translation>
    </message>
</context>
<context>
    <name>fp::RefusedNotice</name>
    <message>
        <source>Refused items</source>
        <translation>被拒绝的项目</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Not added:</source>
        <translation>未添加：</translation>
    </message>
</context>
<context>
    <name>fp::ReportExport</name>
    <message>
        <source>Export Timing Report</source>
        <translation>导出计时报告</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>JSON data (*.json)</source>
        <translation>JSON 数据 (*.json)</translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV table, one row per item (*.csv)</source>
        <translation>CSV 表格，每个项目一行 (*.csv)</translation>
    </message>
    <message>
        <source>JSON list of items (*.json)</source>
        <translation>JSON 项目列表 (*.json)</translation>
    </message>
    <message>
        <source>Nothing to export yet: run the queue first.</source>
        <translation>还没有可导出的内容：请先运行队列。</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>The report could not be written:
%1</source>
        <translation>无法写入报告：
%1</translation>
    </message>
    <message>
        <source>Results written to %1</source>
        <translation>结果已写入 %1</translation>
    </message>
    <message>
        <source>The results could not be written:
%1</source>
        <translation>无法写入结果：
%1</translation>
    </message>
    <message>
        <source>Export Reports</source>
        <translation>导出报告</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) written to %1 as %2-&lt;start&gt;.%3</source>
        <translation>
            <numerusform>%n 份报告已写入 %1，文件名为 %2-&lt;开始时间&gt;.%3</numerusform>
        </translation>
    </message>
    <message>
        <source>The reports could not all be written:
%1</source>
        <translation>部分报告无法写入：
%1</translation>
    </message>
    <message numerus="yes">
        <source>Export %n Timing Report(s)</source>
        <translation>
            <numerusform>导出 %n 份计时报告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ReportPdf</name>
    <message>
        <source>the PDF could not be rendered</source>
        <translation>无法生成 PDF</translation>
    </message>
</context>
<context>
    <name>fp::ResultDetailsDialog</name>
    <message>
        <source>Result of %1</source>
        <translation>%1 的结果</translation>
    </message>
    <message>
        <source>No result yet.</source>
        <translation>尚无结果。</translation>
    </message>
    <message>
        <source>No result: %1</source>
        <translation>没有结果：%1</translation>
    </message>
</context>
<context>
    <name>fp::RunNotifier</name>
    <message>
        <source>FramePool</source>
        <translation>FramePool</translation>
    </message>
</context>
<context>
    <name>fp::RunStatusLine</name>
    <message numerus="yes">
        <source>Running %n item(s) serially on 1 worker…</source>
        <translation>
            <numerusform>正在用 1 个工作进程串行运行 %n 个项目…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Running %n item(s) in parallel on %1 workers…</source>
        <translation>
            <numerusform>正在用 %1 个工作进程并行运行 %n 个项目…</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused. Paused time is left out of timings and the ETA.</source>
        <translation>已暂停。暂停的时间不计入计时和剩余时间。</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>Compare: serial run (1 worker)…</source>
        <translation>对比：串行运行（1 个工作进程）…</translation>
    </message>
    <message>
        <source>Compare: parallel run…</source>
        <translation>对比：并行运行…</translation>
    </message>
    <message>
        <source>Round %1 of %2. </source>
        <translation>第 %1 轮，共 %2 轮。</translation>
    </message>
</context>
<context>
    <name>fp::RunToolBar</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>What to compute for every frame or image</source>
        <translation>要对每一帧或每张图像计算的内容</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>&amp;Analysis:</source>
        <translation>分析(&amp;A)：</translation>
    </message>
    <message>
        <source>Pa&amp;rameters…</source>
        <translation>参数(&amp;R)…</translation>
    </message>
    <message>
        <source>The values the chosen analysis runs with</source>
        <translation>所选分析运行时使用的值</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Open the chosen script in your editor; changes count from the next run</source>
        <translation>在编辑器中打开所选脚本；修改从下一次运行起生效</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>&amp;Workers:</source>
        <translation>工作进程(&amp;W)：</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>--order completed</comment>
        <translation>按完成顺序</translation>
    </message>
    <message>
        <source>Each result as soon as its item is done</source>
        <translation>每个项目一完成就给出其结果</translation>
    </message>
    <message>
        <source>input</source>
        <comment>--order input</comment>
        <translation>按输入顺序</translation>
    </message>
    <message>
        <source>Results in queue order</source>
        <translation>按队列顺序给出结果</translation>
    </message>
    <message>
        <source>batch</source>
        <comment>--order batch</comment>
        <translation>批量</translation>
    </message>
    <message>
        <source>All results together at the end</source>
        <translation>所有结果在最后一起给出</translation>
    </message>
    <message>
        <source>When parallel results are delivered</source>
        <translation>并行结果何时给出</translation>
    </message>
    <message>
        <source>Result order</source>
        <translation>结果顺序</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>顺序(&amp;O)：</translation>
    </message>
    <message>
        <source>Open %1 in your editor; changes count from the next run</source>
        <translation>在编辑器中打开 %1；修改从下一次运行起生效</translation>
    </message>
    <message>
        <source>Open the chosen script in your editor (for your own analyses)</source>
        <translation>在编辑器中打开所选脚本（适用于自定义分析）</translation>
    </message>
    <message>
        <source>The analysis script is still being checked; run again in a moment.</source>
        <translation>分析脚本仍在检查中，请稍后再运行。</translation>
    </message>
    <message>
        <source>The parameters of %1 are not valid: %2</source>
        <translation>%1 的参数无效：%2</translation>
    </message>
    <message>
        <source>Worker processes for parallel runs: Slurm job steps, up to %1</source>
        <translation>并行运行的工作进程：Slurm 作业步，最多 %1 个</translation>
    </message>
    <message numerus="yes">
        <source>Worker processes for parallel runs (%n usable core(s) here)</source>
        <translation>
            <numerusform>并行运行的工作进程（本机可用 %n 个核心）</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare runs serial and parallel this many times, alternating, and shows the median and range of each and the speed-up from the medians</source>
        <translation>对比会交替运行串行和并行这么多次，显示各自的中位数和范围，以及由中位数得出的加速比</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>The analyses are still loading; run again in a moment.</source>
        <translation>分析列表仍在加载；请稍后再运行。</translation>
    </message>
</context>
<context>
    <name>fp::SafeFile</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>folder %1 does not exist</source>
        <translation>文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 不是文件夹</translation>
    </message>
</context>
<context>
    <name>fp::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Local: worker processes on this machine</source>
        <translation>本地：在本机运行工作进程</translation>
    </message>
    <message>
        <source>Slurm: each worker as a job step (srun)</source>
        <translation>Slurm：每个工作进程作为一个作业步 (srun)</translation>
    </message>
    <message>
        <source>&amp;Run workers on:</source>
        <translation>工作进程运行位置(&amp;R)：</translation>
    </message>
    <message>
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
    <message>
        <source>the cluster&apos;s default</source>
        <translation>集群默认值</translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation>分区(&amp;P)：</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>srun --cpus-per-task; also the threads each worker uses</source>
        <translation>srun --cpus-per-task；也是每个工作进程使用的线程数</translation>
    </message>
    <message>
        <source>&amp;CPUs per task:</source>
        <translation>每个任务的 CPU 数(&amp;C)：</translation>
    </message>
    <message>
        <source>the partition&apos;s default, e.g. 30 or 1:00:00</source>
        <translation>分区默认值，例如 30 或 1:00:00</translation>
    </message>
    <message>
        <source>&amp;Time limit:</source>
        <translation>时间限制(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. --account=lab --qos=short</source>
        <translation>例如 --account=lab --qos=short</translation>
    </message>
    <message>
        <source>More srun options, split like a command line (quotes group words); no shell runs them</source>
        <translation>更多 srun 选项，按命令行规则拆分（引号可将词组合在一起）；不经过 shell 执行</translation>
    </message>
    <message>
        <source>E&amp;xtra srun arguments:</source>
        <translation>额外的 srun 参数(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Ask Slurm whether it would start a worker with these options (srun --test-only)</source>
        <translation>询问 Slurm 是否会用这些选项启动工作进程 (srun --test-only)</translation>
    </message>
    <message>
        <source>Inputs must be on a filesystem every node can read, at the same path.</source>
        <translation>输入文件必须位于每个节点都能以相同路径读取的文件系统上。</translation>
    </message>
    <message>
        <source>Asking Slurm…</source>
        <translation>正在询问 Slurm…</translation>
    </message>
    <message>
        <source>OK: Slurm would start a worker with these options.</source>
        <translation>可以：Slurm 会用这些选项启动工作进程。</translation>
    </message>
    <message>
        <source>Not OK: %1</source>
        <translation>不可以：%1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>fastest finish</source>
        <translation>最快完成</translation>
    </message>
    <message>
        <source>Largest items first, long ones cut so the workers finish together</source>
        <translation>最大的项目优先，长项目会被切分，使各工作进程同时完成</translation>
    </message>
    <message>
        <source>queue order</source>
        <translation>队列顺序</translation>
    </message>
    <message>
        <source>Rows start in the order shown; Move to Top runs an item next</source>
        <translation>各行按显示顺序开始；“移到顶部”可让某个项目下一个运行</translation>
    </message>
    <message>
        <source>Which item a free worker takes next in a parallel run</source>
        <translation>并行运行时，空闲的工作进程下一个处理哪个项目</translation>
    </message>
    <message>
        <source>&amp;Schedule:</source>
        <translation>调度(&amp;S)：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>How often an item whose worker crashed or hung is tried again (--retries)</source>
        <translation>工作进程崩溃或卡住时，该项目重试的次数 (--retries)</translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation>重试次数(&amp;R)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>A worker that makes no progress for this long is stopped (--hang-timeout)</source>
        <translation>工作进程在这段时间内没有任何进展就会被停止 (--hang-timeout)</translation>
    </message>
    <message>
        <source>&amp;Hang timeout:</source>
        <translation>卡住超时(&amp;H)：</translation>
    </message>
    <message>
        <source>How long a worker may take to start (--start-timeout); automatic: the hang timeout, or 600 s with Slurm, where an allocation may wait in the queue</source>
        <translation>工作进程启动可用的最长时间 (--start-timeout)；自动：等于卡住超时，使用 Slurm 时为 600 秒，因为资源分配可能需要排队等待</translation>
    </message>
    <message>
        <source>S&amp;tart timeout:</source>
        <translation>启动超时(&amp;T)：</translation>
    </message>
    <message>
        <source>automatic (RAM ÷ workers)</source>
        <translation>自动（内存 ÷ 工作进程数）</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Memory a worker may map for its work, on top of its libraries (--memory-limit-mb); 0 MiB: no limit</source>
        <translation>工作进程在其程序库之外可为工作映射的内存 (--memory-limit-mb)；0 MiB：不限制</translation>
    </message>
    <message>
        <source>&amp;Memory limit per worker:</source>
        <translation>每个工作进程的内存上限(&amp;M)：</translation>
    </message>
    <message>
        <source>automatic (cores ÷ workers)</source>
        <translation>自动（核心数 ÷ 工作进程数）</translation>
    </message>
    <message>
        <source>OpenCV and FFmpeg threads in each worker (--threads-per-worker)</source>
        <translation>每个工作进程中的 OpenCV 和 FFmpeg 线程数 (--threads-per-worker)</translation>
    </message>
    <message>
        <source>Threads per &amp;worker:</source>
        <translation>每个工作进程的线程数(&amp;W)：</translation>
    </message>
    <message>
        <source> images</source>
        <translation> 张图像</translation>
    </message>
    <message>
        <source>Images per task when an image set is split across workers (--chunk-size)</source>
        <translation>图像集拆分给多个工作进程时，每个任务的图像数 (--chunk-size)</translation>
    </message>
    <message>
        <source>&amp;Chunk size:</source>
        <translation>分块大小(&amp;C)：</translation>
    </message>
    <message>
        <source>Image-set folders include &amp;subfolders</source>
        <translation>图像集文件夹包含子文件夹(&amp;S)</translation>
    </message>
    <message>
        <source>--recursive</source>
        <translation>--recursive</translation>
    </message>
    <message>
        <source>Workers and the result order are in the Run toolbar.</source>
        <translation>工作进程数和结果顺序在“运行”工具栏中设置。</translation>
    </message>
</context>
<context>
    <name>fp::TimingPanel</name>
    <message>
        <source>partial run: %1 of %2 items completed</source>
        <translation>不完整的运行：%2 个项目中完成了 %1 个</translation>
    </message>
    <message>
        <source>serial: %1</source>
        <translation>串行：%1</translation>
    </message>
    <message>
        <source>parallel: %1</source>
        <translation>并行：%1</translation>
    </message>
    <message>
        <source>the runs did not process the same items (serial %1, parallel %2)</source>
        <translation>两次运行处理的项目不同（串行 %1 个，并行 %2 个）</translation>
    </message>
    <message>
        <source>no time was measured</source>
        <translation>没有测得时间</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Serial wall time ÷ parallel wall time</source>
        <translation>串行实际用时 ÷ 并行实际用时</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <source>Speed-up ÷ C, the workers that can run at once (at most the usable cores)</source>
        <translation>加速比 ÷ C，C 为可同时运行的工作进程数（最多为可用核心数）</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Workers of the parallel run</source>
        <translation>并行运行的工作进程数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Items finished of the latest run</source>
        <translation>最近一次运行中完成的项目数</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frames decoded in the latest run</source>
        <translation>最近一次运行中解码的帧数</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Frames per second of wall time in the latest run; it compares partial runs too</source>
        <translation>最近一次运行中每秒实际用时处理的帧数；不完整的运行也可比较</translation>
    </message>
    <message>
        <source>No serial run yet: a run with one worker measures the baseline.</source>
        <translation>尚无串行运行：用一个工作进程运行可测得基准。</translation>
    </message>
    <message>
        <source>No parallel run yet.</source>
        <translation>尚无并行运行。</translation>
    </message>
    <message>
        <source>No speed-up: %1. Throughput still compares.</source>
        <translation>无法计算加速比：%1。吞吐量仍可比较。</translation>
    </message>
    <message>
        <source>min(%1 workers, %2 cores)</source>
        <translation>min(%1 个工作进程, %2 个核心)</translation>
    </message>
    <message>
        <source>%1 workers</source>
        <translation>%1 个工作进程</translation>
    </message>
    <message>
        <source>Serial run</source>
        <translation>串行运行</translation>
    </message>
    <message>
        <source>Parallel run</source>
        <translation>并行运行</translation>
    </message>
    <message>
        <source>%1×</source>
        <comment>speed-up factor</comment>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>efficiency in percent</comment>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <comment>items finished / items</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message numerus="yes">
        <source>%Ln worker(s)</source>
        <translation>
            <numerusform>%Ln 个工作进程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 个项目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln frame(s)</source>
        <translation>
            <numerusform>%Ln 帧</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 s</source>
        <comment>wall time of a run</comment>
        <translation>%L1 秒</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1 of its %2 items were added while it ran</source>
        <translation>其 %2 个项目中有 %1 个是在运行中加入的</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 s (%2–%3 s)</source>
        <translation>%1 秒（%2–%3 秒）</translation>
    </message>
    <message>
        <source>N = %1 items · M = %2 s per item (serial mean) · C = %3 = %4 · ideal (N ÷ C) · M = %5 s, measured %6 s · busy per worker: %7 · load average at start: %8</source>
        <translation>N = %1 个项目 · M = 每个项目 %2 秒（串行平均）· C = %3 = %4 · 理想值 (N ÷ C) · M = %5 秒，实测 %6 秒 · 各工作进程忙碌率：%7 · 开始时的平均负载：%8</translation>
    </message>
    <message>
        <source>%1 rounds, alternated: no speed-up.</source>
        <translation>%1 轮交替运行：无加速比。</translation>
    </message>
    <message>
        <source>%1 rounds, alternated: serial median %2, parallel median %3; speed-up %4× (%5–%6) from the medians; load average at start: %7</source>
        <translation>%1 轮交替运行：串行中位数 %2，并行中位数 %3；由中位数得出的加速比 %4×（%5–%6）；开始时的平均负载：%7</translation>
    </message>
    <message>
        <source>One run on a busy machine (load average %1 at start, usable cores: %2): other programs shared the cores. Set Repeat to 3 or more for a median and a range.</source>
        <translation>在繁忙的机器上只运行了一次（开始时平均负载 %1，可用核心：%2）：其他程序共享了这些核心。将“重复”设为 3 或更多即可得到中位数和范围。</translation>
    </message>
    <message>
        <source> · workers loaded before the run: serial %1 of 1, parallel %2 of %3</source>
        <translation> · 运行开始前已加载的工作进程：串行 %1/1，并行 %2/%3</translation>
    </message>
</context>
<context>
    <name>fp::WallTimeChart</name>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n 个工作进程</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (not run)</source>
        <translation>%1（未运行）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>run title, worker count</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>串行</translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>并行</translation>
    </message>
    <message>
        <source>Ideal</source>
        <translation>理想</translation>
    </message>
    <message>
        <source>@value s</source>
        <comment>bar label: @value is the seconds</comment>
        <translation>@value 秒</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Ideal · (N ÷ %1) · M</source>
        <translation>理想 · (N ÷ %1) · M</translation>
    </message>
    <message>
        <source>Ideal (not the same work)</source>
        <translation>理想（工作内容不同）</translation>
    </message>
    <message>
        <source>Ideal (needs both)</source>
        <translation>理想（需要两次运行）</translation>
    </message>
</context>
<context>
    <name>fp::WhenDone</name>
    <message>
        <source>Do &amp;Nothing</source>
        <translation>什么也不做(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Notify Me</source>
        <translation>通知我(&amp;N)</translation>
    </message>
    <message>
        <source>Run a &amp;Command…</source>
        <translation>运行命令(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit FramePool</source>
        <translation>退出 FramePool(&amp;Q)</translation>
    </message>
    <message>
        <source>A tray message, or the taskbar&apos;s alert, when you are not looking</source>
        <translation>在您没有看着窗口时，显示托盘消息或任务栏提醒</translation>
    </message>
    <message>
        <source>Start a program of your choice (no shell); FRAMEPOOL_SUMMARY and the counts are in its environment</source>
        <translation>启动您选择的程序（不经过 shell）；FRAMEPOOL_SUMMARY 和各项计数在其环境变量中</translation>
    </message>
    <message>
        <source>Quit once the queue is done, saving it first</source>
        <translation>队列完成后先保存再退出</translation>
    </message>
    <message>
        <source>When &amp;Done</source>
        <translation>完成后(&amp;D)</translation>
    </message>
    <message>
        <source>Run a Command When Done</source>
        <translation>完成后运行命令</translation>
    </message>
    <message>
        <source>Program and arguments (no shell; &quot;double quotes&quot; group words):</source>
        <translation>程序和参数（不经过 shell；用“双引号”把多个词组成一个参数）：</translation>
    </message>
    <message>
        <source>No when-done command is set.</source>
        <translation>尚未设置完成后命令。</translation>
    </message>
</context>
<context>
    <name>fp::WindowActions</name>
    <message>
        <source>Add &amp;Files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Add videos or images to the queue</source>
        <translation>将视频或图像添加到队列</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>添加文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Add a folder of images as one image set</source>
        <translation>将一个图像文件夹添加为一个图像集</translation>
    </message>
    <message>
        <source>Run &amp;Parallel</source>
        <translation>并行运行(&amp;P)</translation>
    </message>
    <message>
        <source>Analyse the queue with the chosen number of workers</source>
        <translation>用所选数量的工作进程分析队列</translation>
    </message>
    <message>
        <source>Run &amp;Serial</source>
        <translation>串行运行(&amp;S)</translation>
    </message>
    <message>
        <source>Analyse the queue on one worker, one item after another</source>
        <translation>用一个工作进程逐个分析队列中的项目</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>Run the queue serially, then in parallel, and show the speed-up</source>
        <translation>先串行、再并行运行队列，并显示加速比</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>暂停(&amp;U)</translation>
    </message>
    <message>
        <source>Pause or resume the run; paused time is left out of timings</source>
        <translation>暂停或继续运行；暂停的时间不计入计时</translation>
    </message>
    <message>
        <source>Cancel Se&amp;lected</source>
        <translation>取消所选(&amp;L)</translation>
    </message>
    <message>
        <source>Stop the selected items</source>
        <translation>停止所选项目</translation>
    </message>
    <message>
        <source>Cancel &amp;All</source>
        <translation>全部取消(&amp;A)</translation>
    </message>
    <message>
        <source>Stop the run; finished results stay</source>
        <translation>停止运行；已完成的结果会保留</translation>
    </message>
    <message>
        <source>Re&amp;try Failed</source>
        <translation>重试失败项(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected items from the queue</source>
        <translation>从队列中移除所选项目</translation>
    </message>
    <message>
        <source>C&amp;lear Queue</source>
        <translation>清空队列(&amp;L)</translation>
    </message>
    <message>
        <source>Remove every item from the queue</source>
        <translation>从队列中移除所有项目</translation>
    </message>
    <message>
        <source>Move to &amp;Top</source>
        <translation>移到顶部(&amp;T)</translation>
    </message>
    <message>
        <source>Move the selected items to the top of the queue</source>
        <translation>将所选项目移到队列顶部</translation>
    </message>
    <message>
        <source>View &amp;Log…</source>
        <translation>查看日志(&amp;L)…</translation>
    </message>
    <message>
        <source>Show what the worker wrote while analysing the current item</source>
        <translation>显示工作进程在分析当前项目时输出的内容</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>详细信息(&amp;D)…</translation>
    </message>
    <message>
        <source>Show the whole result of the current item</source>
        <translation>显示当前项目的完整结果</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the timing report as HTML, PDF, CSV or JSON</source>
        <translation>将计时报告保存为 HTML、PDF、CSV 或 JSON</translation>
    </message>
    <message>
        <source>Export &amp;Results…</source>
        <translation>导出结果(&amp;R)…</translation>
    </message>
    <message>
        <source>Save what the last run computed as CSV or JSON</source>
        <translation>将上次运行的计算结果保存为 CSV 或 JSON</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit FramePool</source>
        <translation>退出 FramePool</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Slurm job steps cannot be paused from here; cancel instead</source>
        <translation>无法在此暂停 Slurm 作业步，请改为取消</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About FramePool</source>
        <translation>关于 FramePool(&amp;A)</translation>
    </message>
    <message>
        <source>About FramePool</source>
        <translation>关于 FramePool</translation>
    </message>
    <message>
        <source>&lt;h3&gt;FramePool %1&lt;/h3&gt;&lt;p&gt;Analyses videos and image sets in parallel worker processes, with live progress and a serial-versus-parallel timing report.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FramePool %1&lt;/h3&gt;&lt;p&gt;在并行的工作进程中分析视频和图像集，实时显示进度，并给出串行与并行对比的计时报告。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How runs behave (schedule, retries, timeouts, memory, threads) and where workers run</source>
        <translation>运行方式（调度、重试、超时、内存、线程）以及工作进程的运行位置</translation>
    </message>
    <message>
        <source>Run the selected failed items again, or all that failed, were cancelled or were left queued</source>
        <translation>重新运行所选的失败项目，或所有失败、已取消或留在队列中的项目</translation>
    </message>
    <message>
        <source>&amp;Hold</source>
        <translation>暂缓(&amp;H)</translation>
    </message>
    <message>
        <source>Hold the selected items: no run starts them until you release them</source>
        <translation>暂缓所选项目：在您解除之前，任何运行都不会启动它们</translation>
    </message>
    <message>
        <source>&amp;Finish Running Items</source>
        <translation>完成进行中的项目(&amp;F)</translation>
    </message>
    <message>
        <source>Let the items under way finish and start no more; the rest stay queued</source>
        <translation>让进行中的项目完成，不再启动新项目；其余项目留在队列中</translation>
    </message>
</context>
</TS>
