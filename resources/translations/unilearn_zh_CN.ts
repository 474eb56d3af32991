<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>unilearn::ui::AnalysisController</name>
    <message>
        <source>video %1 of %2 · </source>
        <translation>第 %1 / %2 个视频 · </translation>
    </message>
    <message>
        <source> (and %1 more)</source>
        <translation>（另有 %1 处）</translation>
    </message>
    <message>
        <source>Already analysed with this model and these settings: kept as it is</source>
        <translation>已用此模型和这些设置分析过：保持不变</translation>
    </message>
    <message>
        <source>Analysis done: %1 frames, %2 people, %3 windows</source>
        <translation>分析完成：%1 帧，%2 人，%3 个窗口</translation>
    </message>
    <message>
        <source>Analysis cancelled (resumable)</source>
        <translation>分析已取消（可继续）</translation>
    </message>
    <message>
        <source>Analysed %1 of %2 videos</source>
        <translation>已分析 %1 / %2 个视频</translation>
    </message>
    <message>
        <source> · damaged video, analysed around the damage: %1</source>
        <translation> · 视频已损坏，已绕过损坏处分析：%1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::AnnotationEditor</name>
    <message>
        <source>Rename person</source>
        <translation>重命名人物</translation>
    </message>
    <message>
        <source>New %1 segment</source>
        <translation>新建 %1 片段</translation>
    </message>
    <message>
        <source>Split inside the segment (frames %1-%2)</source>
        <translation>请在片段内部拆分（第 %1–%2 帧）</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>拆分片段</translation>
    </message>
    <message>
        <source>There is no later segment to merge with</source>
        <translation>后面没有可合并的片段</translation>
    </message>
    <message>
        <source>The next segment is labelled %1, this one %2: give them the same label first (a merge keeps one label)</source>
        <translation>下一个片段标注为 %1，这一个为 %2：请先给它们相同的标签（合并只保留一个标签）</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>合并片段</translation>
    </message>
    <message>
        <source>Merge people</source>
        <translation>合并人物</translation>
    </message>
    <message>
        <source>Split person</source>
        <translation>拆分人物</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>删除片段</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::BlendshapeBars</name>
    <message>
        <source>Blendshape scores (MediaPipe) under the nearest FACS action unit&apos;s name: not certified FACS codes (docs/action-units.md)</source>
        <translation>Blendshape 分数（MediaPipe），以最接近的 FACS 动作单元命名：并非经认证的 FACS 编码（docs/action-units.md）</translation>
    </message>
    <message>
        <source>Face movements: no face</source>
        <translation>面部动作：无人脸</translation>
    </message>
    <message>
        <source>Face movements: %1</source>
        <translation>面部动作：%1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ExchangeController</name>
    <message>
        <source>%1 annotations imported, %2 already in the project, %3 not mapped.</source>
        <translation>已导入 %1 条标注，%2 条已在项目中，%3 条未能对应。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ExpertClassView</name>
    <message>
        <source>No annotated clip windows yet: label segments of analysed people to see which experts each emotion uses.</source>
        <translation>尚无已标注的片段窗口：请标注已分析人物的片段，以查看每种情绪使用哪些专家。</translation>
    </message>
    <message>
        <source>No clip windows in this project yet: analyse a video with a UniLearn model.</source>
        <translation>本项目中尚无片段窗口：请用 UniLearn 模型分析视频。</translation>
    </message>
    <message>
        <source>Mean expert share per %1 class · block %2</source>
        <translation>每个%1类别的平均专家占比 · 第 %2 块</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ExpertUsageChart</name>
    <message>
        <source>No clip windows for this person: analyse with a UniLearn model to see which experts each layer uses along the session.</source>
        <translation>此人没有片段窗口：请用 UniLearn 模型分析，以查看整个会话中每层使用哪些专家。</translation>
    </message>
    <message>
        <source>Expert shares over time · %1</source>
        <translation>专家占比随时间变化 · %1</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>第 %1 块</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::LabelQueue</name>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Double-click or Enter: go there with the stretch selected, then press a label key</source>
        <translation>双击或按回车：跳转到该处并选中该段，然后按标签键</translation>
    </message>
    <message>
        <source>Open a video to see which stretches to label next.</source>
        <translation>打开视频以查看接下来应标注哪些片段。</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Stretches of this video where your %1 label would help most: first where coders disagree, then where the model is least sure and you have not labelled yet.</source>
        <translation>本视频中您的 %1 标注最有帮助的片段：先是标注者意见不一致之处，再是模型最不确定且您尚未标注之处。</translation>
    </message>
    <message>
        <source>Analyse this video with a UniLearn model to see where it is unsure.</source>
        <translation>请用 UniLearn 模型分析此视频，以查看模型不确定之处。</translation>
    </message>
    <message>
        <source>Nothing left to suggest: the model is sure everywhere you have not labelled, and no coders disagree.</source>
        <translation>没有更多建议：在您未标注之处模型都很确定，且标注者之间没有分歧。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::LaneChart</name>
    <message>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>备注：%1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::MainWindow</name>
    <message>
        <source>UniLearn Studio</source>
        <translation>UniLearn Studio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;UniLearn Studio&lt;/h2&gt;&lt;p&gt;Emotions in faces, frame by frame and clip by clip — for your recorded sessions, live from a webcam, and for exploring how the model decides.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;UniLearn Studio&lt;/h2&gt;&lt;p&gt;逐帧、逐片段识别人脸情绪——适用于录制的会话、网络摄像头实时画面，以及探索模型如何做出判断。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Try the webcam</source>
        <translation>试用网络摄像头</translation>
    </message>
    <message>
        <source>Then add videos (File › Add videos, or drop them here) and analyse them. Help › First session walks through a whole session; F1 lists the keys.</source>
        <translation>然后添加视频（文件 › 添加视频，或拖放到此处）并进行分析。帮助 › 第一次会话会带您走完整个流程；F1 列出所有快捷键。</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Webcam</source>
        <translation>网络摄像头</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model: %1 · CPU, %2 threads</source>
        <translation>模型：%1 · CPU，%2 线程</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Move segment edge</source>
        <translation>移动片段边界</translation>
    </message>
    <message>
        <source>An analysis is running; cancel it before opening another project.</source>
        <translation>分析正在运行；请先取消，再打开其他项目。</translation>
    </message>
    <message>
        <source>%1 — UniLearn Studio</source>
        <translation>%1 — UniLearn Studio</translation>
    </message>
    <message>
        <source>Rename person</source>
        <translation>重命名人物</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Double-click to rename</source>
        <translation>双击以重命名</translation>
    </message>
    <message>
        <source>Found the moved video at %1</source>
        <translation>已在 %1 找到移动过的视频</translation>
    </message>
    <message>
        <source>Video not found</source>
        <translation>未找到视频</translation>
    </message>
    <message>
        <source>%1 is no longer at %2, nor beside the project. Locate it?</source>
        <translation>%1 已不在 %2，也不在项目旁边。要手动定位吗？</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>定位 %1</translation>
    </message>
    <message>
        <source>A live session: its timeline, no recording</source>
        <translation>实时会话：只有时间轴，没有录像</translation>
    </message>
    <message>
        <source>Cannot play %1: %2</source>
        <translation>无法播放 %1：%2</translation>
    </message>
    <message>
        <source>Cannot load the timeline: %1</source>
        <translation>无法加载时间轴：%1</translation>
    </message>
    <message>
        <source>Select a video to analyse.</source>
        <translation>请选择要分析的视频。</translation>
    </message>
    <message>
        <source>Add videos to the project first (File › Add videos, or drop them here).</source>
        <translation>请先向项目添加视频（文件 › 添加视频，或拖放到此处）。</translation>
    </message>
    <message>
        <source>Model: %1 · CPU, %2 threads%3</source>
        <translation>模型：%1 · CPU，%2 线程%3</translation>
    </message>
    <message>
        <source>static only</source>
        <translation>仅静态模型</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add videos…</source>
        <translation>添加视频(&amp;A)…</translation>
    </message>
    <message>
        <source>Add videos</source>
        <translation>添加视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v)</source>
        <translation>视频 (*.mp4 *.mov *.mkv *.avi *.webm *.m4v)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Windows and frames as &amp;CSV…</source>
        <translation>窗口和帧导出为 &amp;CSV…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Annotations as a table (CSV for R, SPSS)…</source>
        <translation>标注导出为表格（用于 R、SPSS 的 CSV）(&amp;A)…</translation>
    </message>
    <message>
        <source>This video for &amp;ELAN…</source>
        <translation>此视频导出到 &amp;ELAN…</translation>
    </message>
    <message>
        <source>ELAN (*.eaf)</source>
        <translation>ELAN (*.eaf)</translation>
    </message>
    <message>
        <source>States for &amp;BORIS (TSV)…</source>
        <translation>状态导出到 &amp;BORIS（TSV）…</translation>
    </message>
    <message>
        <source>TSV (*.tsv)</source>
        <translation>TSV (*.tsv)</translation>
    </message>
    <message>
        <source>Everything as &amp;JSON…</source>
        <translation>全部导出为 &amp;JSON…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>The visible &amp;timeline as PNG or SVG…</source>
        <translation>可见的时间轴导出为 PNG 或 SVG(&amp;T)…</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>导出时间轴</translation>
    </message>
    <message>
        <source>Pictures (*.png *.svg)</source>
        <translation>图片 (*.png *.svg)</translation>
    </message>
    <message>
        <source>&amp;Import annotations (ELAN, BORIS TSV, CSV)…</source>
        <translation>导入标注（ELAN、BORIS TSV、CSV）(&amp;I)…</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>导入标注</translation>
    </message>
    <message>
        <source>Annotations (*.eaf *.tsv *.csv)</source>
        <translation>标注 (*.eaf *.tsv *.csv)</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>跳转(&amp;G)</translation>
    </message>
    <message>
        <source>Go to a &amp;time or frame…</source>
        <translation>跳转到时间或帧(&amp;T)…</translation>
    </message>
    <message>
        <source>Back 1 second</source>
        <translation>后退 1 秒</translation>
    </message>
    <message>
        <source>Forward 1 second</source>
        <translation>前进 1 秒</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <source>Back 1 minute</source>
        <translation>后退 1 分钟</translation>
    </message>
    <message>
        <source>Forward 1 minute</source>
        <translation>前进 1 分钟</translation>
    </message>
    <message>
        <source>&amp;Previous annotation</source>
        <translation>上一个标注(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next annotation</source>
        <translation>下一个标注(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;nnotate</source>
        <translation>标注(&amp;N)</translation>
    </message>
    <message>
        <source>Set &amp;in point</source>
        <translation>设置入点(&amp;I)</translation>
    </message>
    <message>
        <source>Set &amp;out point</source>
        <translation>设置出点(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Loop the selection</source>
        <translation>循环播放选区(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Label (selection or segment at the playhead)</source>
        <translation>标签（选区或播放头处的片段）(&amp;L)</translation>
    </message>
    <message>
        <source>Sc&amp;heme</source>
        <translation>方案(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Split at the playhead</source>
        <translation>在播放头处拆分(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge with the next segment</source>
        <translation>与下一个片段合并(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Delete the segment at the playhead</source>
        <translation>删除播放头处的片段(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Note on the segment at the playhead…</source>
        <translation>为播放头处的片段添加备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>&amp;Rename the selected person…</source>
        <translation>重命名所选人物(&amp;R)…</translation>
    </message>
    <message>
        <source>Split the selected &amp;person at the playhead</source>
        <translation>在播放头处拆分所选人物(&amp;P)</translation>
    </message>
    <message>
        <source>Merge the selected person &amp;into…</source>
        <translation>将所选人物合并到(&amp;I)…</translation>
    </message>
    <message>
        <source>Select a person in the People list first.</source>
        <translation>请先在人物列表中选择一个人。</translation>
    </message>
    <message>
        <source>Everyone else is on screen at the same time as this person at some moment: they are different people.</source>
        <translation>其他所有人都曾与此人同时出现在画面中：他们是不同的人。</translation>
    </message>
    <message>
        <source>There is nobody else to merge with.</source>
        <translation>没有其他人可供合并。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Same person as:</source>
        <translation>与此人为同一人：</translation>
    </message>
    <message>
        <source>Label &amp;keys…</source>
        <translation>标签快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>Label keys</source>
        <translation>标签快捷键</translation>
    </message>
    <message>
        <source>One key per label, in this order:
%1
(for example 1234567 or qwertyu)</source>
        <translation>每个标签一个按键，按此顺序：
%1
（例如 1234567 或 qwertyu）</translation>
    </message>
    <message>
        <source>&amp;Annotator name…</source>
        <translation>标注者姓名(&amp;A)…</translation>
    </message>
    <message>
        <source>A&amp;greement (κ) with the model or an annotator…</source>
        <translation>与模型或其他标注者的一致性 (κ)(&amp;G)…</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Compare %1 with:</source>
        <translation>将 %1 与以下比较：</translation>
    </message>
    <message>
        <source>Session &amp;statistics…</source>
        <translation>会话统计(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Compare with another annotator…</source>
        <translation>与其他标注者比较(&amp;C)…</translation>
    </message>
    <message>
        <source>Nobody else annotated this video yet.</source>
        <translation>尚无其他人标注此视频。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Annotator:</source>
        <translation>标注者：</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Stacked areas</source>
        <translation>堆叠面积图(&amp;S)</translation>
    </message>
    <message>
        <source>Per-frame &amp;overlay</source>
        <translation>逐帧叠加(&amp;O)</translation>
    </message>
    <message>
        <source>Face &amp;keypoints</source>
        <translation>人脸关键点(&amp;K)</translation>
    </message>
    <message>
        <source>Face m&amp;esh</source>
        <translation>人脸网格(&amp;E)</translation>
    </message>
    <message>
        <source>The 478 landmarks, where the analysis found them (Analysis › Face movements and landmarks)</source>
        <translation>分析找到的 478 个关键点（分析 › 面部动作与关键点）</translation>
    </message>
    <message>
        <source>Face mo&amp;vements on the timeline</source>
        <translation>在时间轴上显示面部动作(&amp;V)</translation>
    </message>
    <message>
        <source>Smile, brows, jaw and blinks (AU-like scores, not FACS codes)</source>
        <translation>微笑、眉毛、下颌和眨眼（类 AU 分数，非 FACS 编码）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;First session…</source>
        <translation>第一次会话(&amp;F)…</translation>
    </message>
    <message>
        <source>Your first session</source>
        <translation>您的第一次会话</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>UniLearn projects (*.ulproj)</source>
        <translation>UniLearn 项目 (*.ulproj)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › Play or pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left, Right&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › One frame back or on&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home, End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › First or last frame&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;空格&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放器 › 播放或暂停&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;左、右方向键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放器 › 后退或前进一帧&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home、End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放器 › 第一帧或最后一帧&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>&amp;New scheme…</source>
        <translation>新建方案(&amp;N)…</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>请先打开一个项目。</translation>
    </message>
    <message>
        <source>New scheme</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <source>Labels, separated by commas; a colour may follow each (Calm=#88cc88, Tense=#cc4444):</source>
        <translation>标签，以逗号分隔；每个标签后可跟颜色（Calm=#88cc88, Tense=#cc4444）：</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;%1:&lt;/span&gt; %2 &amp;nbsp;·&amp;nbsp; &lt;b&gt;I&lt;/b&gt;/&lt;b&gt;O&lt;/b&gt; in/out &amp;nbsp;&lt;b&gt;N&lt;/b&gt; note &amp;nbsp;&lt;b&gt;S&lt;/b&gt; split &amp;nbsp;&lt;b&gt;M&lt;/b&gt; merge &amp;nbsp;&lt;b&gt;F1&lt;/b&gt; all keys</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;%1：&lt;/span&gt; %2 &amp;nbsp;·&amp;nbsp; &lt;b&gt;I&lt;/b&gt;/&lt;b&gt;O&lt;/b&gt; 入点/出点 &amp;nbsp;&lt;b&gt;N&lt;/b&gt; 备注 &amp;nbsp;&lt;b&gt;S&lt;/b&gt; 拆分 &amp;nbsp;&lt;b&gt;M&lt;/b&gt; 合并 &amp;nbsp;&lt;b&gt;F1&lt;/b&gt; 全部按键</translation>
    </message>
    <message>
        <source>Who is annotating?</source>
        <translation>谁在标注？</translation>
    </message>
    <message>
        <source>Every label you make is stored under your name, so that two coders can be compared
(agreement, statistics) and exports say who coded what. Your name or initials:</source>
        <translation>您做的每个标注都以您的名字保存，以便比较两位标注者
（一致性、统计），导出文件也会注明谁标注了什么。您的姓名或缩写：</translation>
    </message>
    <message>
        <source>Relabel as %1</source>
        <translation>重新标注为 %1</translation>
    </message>
    <message>
        <source>Mark a selection first: I at its start, O at its end (or stand on a segment).</source>
        <translation>请先标记选区：在开头按 I，在结尾按 O（或将播放头停在某个片段上）。</translation>
    </message>
    <message>
        <source>No selection to loop (I and O mark one); looping is off</source>
        <translation>没有可循环的选区（用 I 和 O 标记）；循环已关闭</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cannot write %1 (use .png or .svg; check the folder and free space)</source>
        <translation>无法写入 %1（请使用 .png 或 .svg；检查文件夹和剩余空间）</translation>
    </message>
    <message>
        <source>No annotation after the playhead</source>
        <translation>播放头之后没有标注</translation>
    </message>
    <message>
        <source>No annotation before the playhead</source>
        <translation>播放头之前没有标注</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fast arithmetic (bf16)</source>
        <translation>快速运算 (bf16)(&amp;F)</translation>
    </message>
    <message>
        <source>About twice as fast; the same top class for 99 % of faces measured</source>
        <translation>约快一倍；在测量的人脸中 99 % 的最高类别相同</translation>
    </message>
    <message>
        <source>This CPU has no native bf16 arithmetic; fp32 is faster here</source>
        <translation>此 CPU 不支持原生 bf16 运算；这里 fp32 更快</translation>
    </message>
    <message>
        <source>&amp;Quantized arithmetic (int8)</source>
        <translation>量化运算 (int8)(&amp;Q)</translation>
    </message>
    <message>
        <source>Linear layers in int8, routers in fp32: the same top class for 99 % of faces measured; faster for stills, about as fast as fp32 for clips on this kind of CPU, where bf16 is the faster choice</source>
        <translation>线性层用 int8，路由器用 fp32：在测量的人脸中 99 % 的最高类别相同；静态图像更快，在此类 CPU 上处理片段与 fp32 差不多快，此时 bf16 更快</translation>
    </message>
    <message>
        <source>Face &amp;movements and landmarks</source>
        <translation>面部动作与关键点(&amp;M)</translation>
    </message>
    <message>
        <source>New analyses also find 478 landmarks and 52 blendshapes per face (MediaPipe): smile, brows, jaw and blinks on the timeline, the mesh on the video, blink and smile events. About 30 ms more per face and frame; 3 kB per face and frame in the project.</source>
        <translation>新的分析还会为每张人脸找到 478 个关键点和 52 个 blendshape（MediaPipe）：时间轴上显示微笑、眉毛、下颌和眨眼，视频上显示网格，以及眨眼和微笑事件。每张人脸每帧约多 30 毫秒；项目中每张人脸每帧约 3 kB。</translation>
    </message>
    <message>
        <source>Find &amp;blinks and smiles</source>
        <translation>查找眨眼和微笑(&amp;B)</translation>
    </message>
    <message>
        <source>Blinks and smiles</source>
        <translation>眨眼和微笑</translation>
    </message>
    <message>
        <source>Analyze with the &amp;static model only</source>
        <translation>仅用静态模型分析(&amp;S)</translation>
    </message>
    <message>
        <source>Analyze with the &amp;chosen model (Models panel)</source>
        <translation>用所选模型分析（模型面板）(&amp;C)</translation>
    </message>
    <message>
        <source>No UniLearn model is chosen yet: import one in the Models panel and press “Use for analysis”, or analyse with the static model only.</source>
        <translation>尚未选择 UniLearn 模型：请在模型面板中导入一个并点击“用于分析”，或仅用静态模型分析。</translation>
    </message>
    <message>
        <source>Analyze &amp;all videos with the chosen model</source>
        <translation>用所选模型分析所有视频(&amp;A)</translation>
    </message>
    <message>
        <source>The chosen model %1 is gone: choose another in the Models panel.</source>
        <translation>所选模型 %1 已不存在：请在模型面板中另选一个。</translation>
    </message>
    <message>
        <source>Analyze with a &amp;UniLearn model file…</source>
        <translation>用 UniLearn 模型文件分析(&amp;U)…</translation>
    </message>
    <message>
        <source>UniLearn model</source>
        <translation>UniLearn 模型</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.pth *.pt)</source>
        <translation>模型文件 (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <source>&amp;Cancel analysis</source>
        <translation>取消分析(&amp;C)</translation>
    </message>
    <message>
        <source>Pre-training &amp;reconstruction of this clip…</source>
        <translation>此片段的预训练重建(&amp;R)…</translation>
    </message>
    <message>
        <source>Analyse the video first: the reconstruction needs the faces of a clip.</source>
        <translation>请先分析视频：重建需要片段中的人脸。</translation>
    </message>
    <message>
        <source>Pre-training file (unilearn pretrain)</source>
        <translation>预训练文件（unilearn pretrain）</translation>
    </message>
    <message>
        <source>Model files (*.safetensors)</source>
        <translation>模型文件 (*.safetensors)</translation>
    </message>
    <message>
        <source>Masked-autoencoder reconstruction</source>
        <translation>掩码自编码器重建</translation>
    </message>
    <message>
        <source>&amp;Fine-tune on my labels…</source>
        <translation>用我的标注微调(&amp;F)…</translation>
    </message>
    <message>
        <source>Open a project with labelled, analysed videos first.</source>
        <translation>请先打开包含已标注且已分析视频的项目。</translation>
    </message>
    <message>
        <source>Label next</source>
        <translation>接下来标注</translation>
    </message>
    <message>
        <source>&amp;What to label next</source>
        <translation>接下来标注什么(&amp;W)</translation>
    </message>
    <message>
        <source>Selection is the person&apos;s neutral &amp;baseline</source>
        <translation>将选区设为此人的中性基线(&amp;B)</translation>
    </message>
    <message>
        <source>Mark a stretch where the selected person rests with a neutral face (I and O), then choose this: their expressions can then be shown relative to it, in this and their other sessions (same name)</source>
        <translation>标记所选人物以中性表情静息的一段（I 和 O），再选择此项：之后即可相对于该基线显示其表情，适用于本次及其其他会话（同名）</translation>
    </message>
    <message>
        <source>Clear the person&apos;s baseline</source>
        <translation>清除此人的基线</translation>
    </message>
    <message>
        <source>Relative to each person&apos;s &amp;baseline</source>
        <translation>相对于每个人的基线(&amp;B)</translation>
    </message>
    <message>
        <source>Each person&apos;s expressions above their neutral baseline (Annotate › Selection is the person&apos;s neutral baseline); people without one are shown as they are</source>
        <translation>显示每个人高于其中性基线的表情（标注 › 将选区设为此人的中性基线）；没有基线的人按原样显示</translation>
    </message>
    <message>
        <source>Selected %1 – %2: press a label key (L plays it in a loop)</source>
        <translation>已选中 %1 – %2：请按标签键（L 循环播放）</translation>
    </message>
    <message>
        <source>Select the person (People) and mark a stretch where they rest with a neutral face (I at its start, O at its end) first.</source>
        <translation>请先选择人物（人物面板），并标记其以中性表情静息的一段（开头按 I，结尾按 O）。</translation>
    </message>
    <message>
        <source>%1&apos;s neutral baseline: %2 – %3%4</source>
        <translation>%1 的中性基线：%2 – %3%4</translation>
    </message>
    <message>
        <source> (View › Relative to each person&apos;s baseline shows it)</source>
        <translation>（视图 › 相对于每个人的基线 可显示）</translation>
    </message>
    <message>
        <source>The selected person has no baseline.</source>
        <translation>所选人物没有基线。</translation>
    </message>
    <message>
        <source>Who is who?</source>
        <translation>谁是谁？</translation>
    </message>
    <message>
        <source>The file names people this project does not know. Choose who each of them is here:</source>
        <translation>该文件中有本项目不认识的人。请选择他们各自在此对应谁：</translation>
    </message>
    <message>
        <source>the whole video</source>
        <translation>整个视频</translation>
    </message>
    <message>
        <source>leave out</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Session statistics</source>
        <translation>会话统计</translation>
    </message>
    <message>
        <source>the whole stretch</source>
        <translation>整个片段</translation>
    </message>
    <message>
        <source>each epoch of “%1”</source>
        <translation>“%1”的每个阶段</translation>
    </message>
    <message>
        <source>Statistics for</source>
        <translation>统计范围</translation>
    </message>
    <message>
        <source>Share of the rated time in each emotion — %1</source>
        <translation>各情绪占评定时间的比例 — %1</translation>
    </message>
    <message>
        <source>Save table as CSV…</source>
        <translation>将表格保存为 CSV…</translation>
    </message>
    <message>
        <source>Save figure…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Statistics figure</source>
        <translation>统计图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1: check the folder and free space.</source>
        <translation>无法写入 %1：请检查文件夹和剩余空间。</translation>
    </message>
    <message>
        <source>Per-frame &amp;curves</source>
        <translation>逐帧曲线(&amp;C)</translation>
    </message>
    <message>
        <source>UniLearn&apos;s &amp;image head</source>
        <translation>UniLearn 图像头(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Static model (FaceExpressionNet)</source>
        <translation>静态模型 (FaceExpressionNet)(&amp;S)</translation>
    </message>
    <message>
        <source>The fastest: 60.5 % WAR, 61.5 % UAR on FER+ validation faces.</source>
        <translation>最快：在 FER+ 验证人脸上 WAR 60.5 %、UAR 61.5 %。</translation>
    </message>
    <message>
        <source>The timeline, the video and exports say which model made the curves; with a UniLearn model whose image head lacks the seven expressions, the static model makes them.</source>
        <translation>时间轴、视频和导出文件会注明曲线由哪个模型生成；若 UniLearn 模型的图像头缺少七种表情，则由静态模型生成。</translation>
    </message>
    <message>
        <source>The per-frame curves, faint, over the clip curves: from the static model, UniLearn&apos;s image head or both combined, as the timeline&apos;s legend says</source>
        <translation>逐帧曲线以淡色叠加在片段曲线上：来自静态模型、UniLearn 图像头或两者结合，以时间轴图例为准</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;&lt;b&gt;File › New project&lt;/b&gt;: one file holds the videos, the model&apos;s results and your annotations.&lt;/li&gt;&lt;li&gt;&lt;b&gt;File › Add videos&lt;/b&gt; (or drop them on the window), then &lt;b&gt;Analysis › Analyse&lt;/b&gt;: faces are found and followed, and each person&apos;s emotions drawn on the timeline.&lt;/li&gt;&lt;li&gt;Rename people in the People panel (F2).&lt;/li&gt;&lt;li&gt;Annotate: mark &lt;b&gt;I&lt;/b&gt;n and &lt;b&gt;O&lt;/b&gt;ut, then press a label key (Annotate › Label keys); &lt;b&gt;N&lt;/b&gt; adds a note; &lt;b&gt;S&lt;/b&gt; splits, &lt;b&gt;M&lt;/b&gt; merges. &lt;b&gt;Ctrl+J&lt;/b&gt; lists what to label next: where the model is least sure or coders disagree.&lt;/li&gt;&lt;li&gt;Optionally mark a stretch where a person rests with a neutral face and choose Annotate › Selection is the person&apos;s neutral baseline; View › Relative to each person&apos;s baseline then shows their expressions above it, in all their sessions.&lt;/li&gt;&lt;li&gt;Compare with a colleague or the model (Annotate › Agreement) and export for ELAN, BORIS, R or SPSS (File › Export).&lt;/li&gt;&lt;/ol&gt;The timeline&apos;s curves come from UniLearn&apos;s clip windows; the per-frame curves and the Webcam tab&apos;s emotions from the static model and UniLearn&apos;s image head combined (Analysis › Per-frame curves). Each model&apos;s card (Models panel) says what it was trained on and how well it does.</source>
        <translation>&lt;ol&gt;&lt;li&gt;&lt;b&gt;文件 › 新建项目&lt;/b&gt;：一个文件保存视频、模型结果和您的标注。&lt;/li&gt;&lt;li&gt;&lt;b&gt;文件 › 添加视频&lt;/b&gt;（或拖放到窗口上），然后 &lt;b&gt;分析 › 分析&lt;/b&gt;：找到并跟踪人脸，并在时间轴上绘制每个人的情绪。&lt;/li&gt;&lt;li&gt;在人物面板中重命名人物（F2）。&lt;/li&gt;&lt;li&gt;标注：按 &lt;b&gt;I&lt;/b&gt; 标记入点、&lt;b&gt;O&lt;/b&gt; 标记出点，再按标签键（标注 › 标签快捷键）；&lt;b&gt;N&lt;/b&gt; 添加备注；&lt;b&gt;S&lt;/b&gt; 拆分，&lt;b&gt;M&lt;/b&gt; 合并。&lt;b&gt;Ctrl+J&lt;/b&gt; 列出接下来该标注的内容：模型最不确定或标注者意见不一之处。&lt;/li&gt;&lt;li&gt;可选：标记某人以中性表情静息的一段，选择 标注 › 将选区设为此人的中性基线；之后 视图 › 相对于每个人的基线 会显示其高于基线的表情，适用于此人的所有会话。&lt;/li&gt;&lt;li&gt;与同事或模型比较（标注 › 一致性），并导出到 ELAN、BORIS、R 或 SPSS（文件 › 导出）。&lt;/li&gt;&lt;/ol&gt;时间轴曲线来自 UniLearn 的片段窗口；逐帧曲线和网络摄像头标签页中的情绪来自静态模型与 UniLearn 图像头的结合（分析 › 逐帧曲线）。每个模型的说明卡（模型面板）写明了它的训练数据和表现。</translation>
    </message>
    <message>
        <source>&amp;Both models combined (most balanced)</source>
        <translation>两个模型结合（最均衡）(&amp;B)</translation>
    </message>
    <message>
        <source>The static model and UniLearn&apos;s image head together: on FER+ validation faces through the app&apos;s own path 66.7 % WAR and 64.4 % UAR, the most even across the seven expressions. About 7 ms more per face and frame than the static model alone.</source>
        <translation>静态模型与 UniLearn 图像头结合：在经由本应用自身流程的 FER+ 验证人脸上 WAR 66.7 %、UAR 64.4 %，在七种表情之间最均衡。每张人脸每帧比仅用静态模型多约 7 ms。</translation>
    </message>
    <message>
        <source>The same network as the clip windows: 69.3 % WAR, 57.4 % UAR on FER+ validation faces; it learnt from grey faces only.</source>
        <translation>与片段窗口相同的网络：在 FER+ 验证人脸上 WAR 69.3 %、UAR 57.4 %；它只从灰度人脸中学习过。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ModelManager</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The load report of an imported checkpoint appears here.</source>
        <translation>导入的检查点的加载报告显示在此处。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paper-level accuracy needs the authors&apos; weights.&lt;/b&gt; UniLearn&apos;s authors publish their fine-tuned checkpoints on Hugging Face (&lt;i&gt;cyinen/S4D&lt;/i&gt;: DFEW, FERV39K and MAFW folds). Download a &lt;tt&gt;.pth&lt;/tt&gt; file there and import it: every weight is checked, the report says in plain words what was found and what was missing, and a &lt;tt&gt;.safetensors&lt;/tt&gt; copy is kept in the project&apos;s models folder.</source>
        <translation>&lt;b&gt;要达到论文级准确率，需要作者的权重。&lt;/b&gt;UniLearn 的作者在 Hugging Face 上发布了微调后的检查点（&lt;i&gt;cyinen/S4D&lt;/i&gt;：DFEW、FERV39K 和 MAFW 各折）。在那里下载 &lt;tt&gt;.pth&lt;/tt&gt; 文件并导入：每个权重都会被检查，报告会用通俗的话说明找到了什么、缺少了什么，并在项目的模型文件夹中保留一份 &lt;tt&gt;.safetensors&lt;/tt&gt; 副本。</translation>
    </message>
    <message>
        <source>Import the authors&apos; checkpoint…</source>
        <translation>导入作者的检查点…</translation>
    </message>
    <message>
        <source>Use for analysis</source>
        <translation>用于分析</translation>
    </message>
    <message>
        <source>Authors&apos; checkpoint or model file</source>
        <translation>作者的检查点或模型文件</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors)</source>
        <translation>检查点 (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>FaceExpressionNet</source>
        <translation>FaceExpressionNet</translation>
    </message>
    <message>
        <source>static expressions per frame (face-api.js, MIT); always on</source>
        <translation>逐帧静态表情（face-api.js，MIT）；始终启用</translation>
    </message>
    <message>
        <source>UniLearn-T (FER+)</source>
        <translation>UniLearn-T (FER+)</translation>
    </message>
    <message>
        <source>works out of the box; trained on FER+&apos;s labelled faces — see its card</source>
        <translation>开箱即用；在 FER+ 的已标注人脸上训练——见其说明卡</translation>
    </message>
    <message>
        <source>  ✓ used for analysis</source>
        <translation>  ✓ 用于分析</translation>
    </message>
    <message>
        <source>In this project</source>
        <translation>本项目中</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>import an authors&apos; checkpoint below</source>
        <translation>请在下方导入作者的检查点</translation>
    </message>
    <message>
        <source>Architectures (random weights)</source>
        <translation>架构（随机权重）</translation>
    </message>
    <message>
        <source>no training: for trying the pipeline</source>
        <translation>未训练：用于试用流程</translation>
    </message>
    <message>
        <source>Open a project first: imported models are kept with it.</source>
        <translation>请先打开项目：导入的模型与项目一起保存。</translation>
    </message>
    <message>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ModelSummaryWidget</name>
    <message>
        <source>UniLearn model: %1</source>
        <translation>UniLearn 模型：%1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Video input</source>
        <translation>视频输入</translation>
    </message>
    <message>
        <source>%1 frames of %2×%2 px → %3 tokens (%4 temporal slices of %5×%5 patches)</source>
        <translation>%1 帧 %2×%2 像素 → %3 个 token（%4 个时间切片，每片 %5×%5 个图块）</translation>
    </message>
    <message>
        <source>Image input</source>
        <translation>图像输入</translation>
    </message>
    <message>
        <source>%1×%1 px, repeated to a 2-frame clip → %2 tokens</source>
        <translation>%1×%1 像素，重复为 2 帧片段 → %2 个 token</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>%1 blocks, width %2, %3 attention heads</source>
        <translation>%1 个块，宽度 %2，%3 个注意力头</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>%1 adapter experts (hidden %2) in blocks %3; each token goes to its top %4</source>
        <translation>第 %3 块中有 %1 个适配器专家（隐藏层 %2）；每个 token 发往其前 %4 个专家</translation>
    </message>
    <message>
        <source>Image head</source>
        <translation>图像头</translation>
    </message>
    <message>
        <source>%1 classes: %2</source>
        <translation>%1 个类别：%2</translation>
    </message>
    <message>
        <source>Video head</source>
        <translation>视频头</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::PathComparison</name>
    <message>
        <source>Still · head.image</source>
        <translation>静态图 · head.image</translation>
    </message>
    <message>
        <source>Clip · head.video</source>
        <translation>片段 · head.video</translation>
    </message>
    <message>
        <source>The middle face of the clip goes through the image path (as a 2-frame still, head.image) and the whole clip through the video path (head.video); their routings appear here side by side.</source>
        <translation>片段中间的人脸走图像路径（作为 2 帧静态图，head.image），整个片段走视频路径（head.video）；二者的路由在此并排显示。</translation>
    </message>
    <message>
        <source>Still: %1 · Clip: %2. How differently the two paths use the experts (0 = same experts, same proportions; 1 = disjoint):</source>
        <translation>静态图：%1 · 片段：%2。两条路径使用专家的差异程度（0 = 相同专家、相同比例；1 = 完全不同）：</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::PlayerWidget</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>One frame back (Left)</source>
        <translation>后退一帧（左方向键）</translation>
    </message>
    <message>
        <source>One frame forward (Right)</source>
        <translation>前进一帧（右方向键）</translation>
    </message>
    <message>
        <source>go to 1:02.5 · 7.5s · f250</source>
        <translation>跳转到 1:02.5 · 7.5s · f250</translation>
    </message>
    <message>
        <source>Go to a time (h:mm:ss.mmm as in ELAN, m:ss, 7.5s or 7.5: seconds) or a frame (f250, 250f). Enter to go.</source>
        <translation>跳转到某个时间（h:mm:ss.mmm 同 ELAN、m:ss、7.5s 或 7.5：秒）或某一帧（f250、250f）。按回车跳转。</translation>
    </message>
    <message>
        <source>Keypoints</source>
        <translation>关键点</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a time (1:02.5, 7.5s) nor a frame (f250)</source>
        <translation>“%1”既不是时间（1:02.5、7.5s）也不是帧（f250）</translation>
    </message>
    <message>
        <source>no video</source>
        <translation>无视频</translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3</source>
        <translation>第 %1 / %2 帧 · %3</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>an error without a message</source>
        <translation>一个没有说明的错误</translation>
    </message>
    <message>
        <source>likely %1 %2 %</source>
        <translation>可能是%1 %2 %</translation>
    </message>
    <message>
        <source>unsure: %1? %2 %</source>
        <translation>不确定：%1？%2 %</translation>
    </message>
    <message>
        <source>whole video</source>
        <translation>整个视频</translation>
    </message>
    <message>
        <source>face (id %1)</source>
        <translation>人脸（ID %1）</translation>
    </message>
    <message>
        <source>coders disagree (%1)</source>
        <translation>标注者意见不一（%1）</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> 对 </translation>
    </message>
    <message>
        <source>model unsure: %1 %2 % or %3 %4 %</source>
        <translation>模型不确定：%1 %2 % 或 %3 %4 %</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ReconstructionView</name>
    <message>
        <source>Reconstructing frames %1–%2…</source>
        <translation>正在重建第 %1–%2 帧…</translation>
    </message>
    <message>
        <source>%1 % of the patches hidden; reconstruction loss %2 (1.0 = no better than guessing each hidden patch&apos;s average). The network predicts each hidden patch&apos;s pattern; its average colour and contrast are the true ones, as in MAE pictures.</source>
        <translation>%1 % 的图块被遮挡；重建损失 %2（1.0 = 不比猜测每个被遮挡图块的平均值更好）。网络预测每个被遮挡图块的图案；其平均颜色和对比度取真实值，与 MAE 论文中的图片相同。</translation>
    </message>
    <message>
        <source>Cannot reconstruct: %1</source>
        <translation>无法重建：%1</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>遮挡后</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>重建</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ReportsController</name>
    <message>
        <source>Select a video first.</source>
        <translation>请先选择一个视频。</translation>
    </message>
    <message>
        <source>Frames %1 to %2 (the selection)</source>
        <translation>第 %1 至 %2 帧（选区）</translation>
    </message>
    <message>
        <source>The whole video</source>
        <translation>整个视频</translation>
    </message>
    <message>
        <source>, per epoch of %1</source>
        <translation>，按 %1 的各阶段</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;th align=left&gt;person&lt;/th&gt;&lt;th align=left&gt;rater&lt;/th&gt;&lt;th align=left&gt;emotion&lt;/th&gt;&lt;th&gt;time (s)&lt;/th&gt;&lt;th&gt;share&lt;/th&gt;&lt;th&gt;bouts&lt;/th&gt;&lt;th&gt;mean bout (s)&lt;/th&gt;&lt;th&gt;first at (s)&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;th align=left&gt;人物&lt;/th&gt;&lt;th align=left&gt;评定者&lt;/th&gt;&lt;th align=left&gt;情绪&lt;/th&gt;&lt;th&gt;时间（秒）&lt;/th&gt;&lt;th&gt;占比&lt;/th&gt;&lt;th&gt;次数&lt;/th&gt;&lt;th&gt;平均时长（秒）&lt;/th&gt;&lt;th&gt;首次出现（秒）&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td colspan=8&gt;&lt;b&gt;%1&lt;/b&gt; (frames %2 to %3)&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td colspan=8&gt;&lt;b&gt;%1&lt;/b&gt;（第 %2 至 %3 帧）&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>%1 vs %2 over %3 frames rated by both
observed agreement %4
Cohen&apos;s kappa %5

specific agreement per class:</source>
        <translation>%1 对 %2，共 %3 帧双方均有评定
观察一致率 %4
Cohen kappa %5

各类别的特定一致性：</translation>
    </message>
    <message>
        <source>

specific agreement per class:</source>
        <translation>

各类别的特定一致性：</translation>
    </message>
    <message>
        <source>
weighted kappa (quadratic) %1

specific agreement per class:</source>
        <translation>
加权 kappa（二次）%1

各类别的特定一致性：</translation>
    </message>
    <message>
        <source>

confusion (rows: %1, columns: %2):
</source>
        <translation>

混淆矩阵（行：%1，列：%2）：
</translation>
    </message>
    <message>
        <source>

The model&apos;s %1 match no label of the scheme: %2 frames left out.</source>
        <translation>

模型的 %1 与方案中的任何标签都不对应：已略去 %2 帧。</translation>
    </message>
    <message>
        <source>Events written as annotations of &quot;%1&quot; (schemes Blinks and Smiles); the timeline shows them in its comparison row.
</source>
        <translation>事件已作为“%1”的标注写入（方案 Blinks 和 Smiles）；时间轴在比较行中显示它们。
</translation>
    </message>
    <message>
        <source>
%1: %2 blinks</source>
        <translation>
%1：眨眼 %2 次</translation>
    </message>
    <message>
        <source> (%1 a minute)</source>
        <translation>（每分钟 %1 次）</translation>
    </message>
    <message>
        <source>, eyes closed %1 times</source>
        <translation>，闭眼 %1 次</translation>
    </message>
    <message>
        <source>, %1 smiles (%2 Duchenne-like), %3 s smiling</source>
        <translation>，微笑 %1 次（%2 次类 Duchenne），微笑共 %3 秒</translation>
    </message>
    <message>
        <source>

These are heuristics over blendshape scores, not FACS coding (docs/action-units.md).</source>
        <translation>

这些是基于 blendshape 分数的启发式结果，并非 FACS 编码（docs/action-units.md）。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::RoutingMap</name>
    <message>
        <source>In UniLearn&apos;s last six blocks a router looks at every token (a 16×16 patch over two frames) and sends it to its top-k experts — small adapter networks — with a gate weight saying how much each expert&apos;s output counts. Each cell: the share of this clip&apos;s token assignments that went to an expert in a layer; hover for the mean gate weight.</source>
        <translation>在 UniLearn 的最后六个块中，路由器查看每个 token（跨两帧的 16×16 图块），将其发送给前 k 个专家——小型适配器网络——并用门控权重表示每个专家输出的分量。每个格子：此片段的 token 分配中发往某层某专家的比例；悬停可看平均门控权重。</translation>
    </message>
    <message>
        <source>Expert routing, frames %1–%2</source>
        <translation>专家路由，第 %1–%2 帧</translation>
    </message>
    <message>
        <source>No clip window here: analyse with a UniLearn model to see its routing.</source>
        <translation>此处没有片段窗口：请用 UniLearn 模型分析以查看其路由。</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>第 %1 块</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>expert %1 in %2: %3% of the tokens, mean gate weight %4</source>
        <translation>%2 中的专家 %1：%3% 的 token，平均门控权重 %4</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::RoutingPanel</name>
    <message>
        <source>UniLearn cuts a clip into tokens (16×16-pixel patches over two frames: 10×10 per temporal slice, 8 slices). In each of its last six blocks a &lt;b&gt;router&lt;/b&gt; scores every token and sends it to its &lt;b&gt;top-k&lt;/b&gt; (here 2) &lt;b&gt;experts&lt;/b&gt;, small adapter networks next to the block&apos;s main MLP; the &lt;b&gt;gate weight&lt;/b&gt; says how much each chosen expert&apos;s output counts (a token&apos;s weights sum to 1). Experts that specialise — on face regions, on motion, on stills versus clips — show up as patterns below.</source>
        <translation>UniLearn 将片段切分为 token（跨两帧的 16×16 像素图块：每个时间切片 10×10 个，共 8 个切片）。在最后六个块的每一块中，&lt;b&gt;路由器&lt;/b&gt;为每个 token 打分，并将其发送给&lt;b&gt;前 k 个&lt;/b&gt;（此处为 2）&lt;b&gt;专家&lt;/b&gt;，即位于该块主 MLP 旁的小型适配器网络；&lt;b&gt;门控权重&lt;/b&gt;表示每个被选中专家的输出占多少分量（一个 token 的权重之和为 1）。专门化的专家——针对面部区域、运动、静态图与片段——会在下方呈现为图案。</translation>
    </message>
    <message>
        <source>Temporal slice: two frames of the 16</source>
        <translation>时间切片：16 帧中的两帧</translation>
    </message>
    <message>
        <source>Animate</source>
        <translation>动画</translation>
    </message>
    <message>
        <source>by predicted class</source>
        <translation>按预测类别</translation>
    </message>
    <message>
        <source>by annotated class</source>
        <translation>按标注类别</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Slice:</source>
        <translation>切片：</translation>
    </message>
    <message>
        <source>Click a patch to see its experts in every layer; click an expert below the face to show only its tokens.</source>
        <translation>点击某个图块查看它在每一层的专家；点击人脸下方的某个专家只显示它的 token。</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>On the face</source>
        <translation>人脸上</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>随时间</translation>
    </message>
    <message>
        <source>By emotion</source>
        <translation>按情绪</translation>
    </message>
    <message>
        <source>Image vs clip</source>
        <translation>图像对片段</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>SVG…</source>
        <translation>SVG…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Clip at the playhead</source>
        <translation>播放头处的片段</translation>
    </message>
    <message>
        <source>Traced frames %1–%2 in %3 ms</source>
        <translation>已在 %3 毫秒内追踪第 %1–%2 帧</translation>
    </message>
    <message>
        <source>Cannot trace this clip: %1</source>
        <translation>无法追踪此片段：%1</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export numbers</source>
        <translation>导出数值</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>第 %1 块</translation>
    </message>
    <message>
        <source>Tracing frames %1–%2…</source>
        <translation>正在追踪第 %1–%2 帧…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Could not write the picture %1 (is the folder writable?)</source>
        <translation>无法写入图片 %1（文件夹可写吗？）</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::SessionController</name>
    <message>
        <source>Open or create a project first (File › New project).</source>
        <translation>请先打开或新建项目（文件 › 新建项目）。</translation>
    </message>
    <message>
        <source>Not added:
%1</source>
        <translation>未添加：
%1</translation>
    </message>
    <message>
        <source>%1 is not the video this project analysed (its content differs); choose the original file</source>
        <translation>%1 不是本项目分析过的视频（内容不同）；请选择原始文件</translation>
    </message>
    <message>
        <source>The project has no such video.</source>
        <translation>项目中没有这个视频。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::StatisticsChart</name>
    <message>
        <source>Nothing rated in this stretch: analyse the video or annotate it first.</source>
        <translation>此片段中没有任何评定：请先分析或标注该视频。</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::TimelineView</name>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;&amp;#8943; confidence&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;&amp;#8943; 置信度&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;per frame: %1&lt;/span&gt;</source>
        <translation>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;逐帧：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#aaa&apos;&gt;&amp;#9632;&lt;/span&gt;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;face small, turned or doubtful&lt;/span&gt;</source>
        <translation>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#aaa&apos;&gt;&amp;#9632;&lt;/span&gt;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;人脸过小、侧转或检测存疑&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No analysis yet: analyse this video to see its timeline.</source>
        <translation>尚未分析：分析此视频后即可查看其时间轴。</translation>
    </message>
    <message>
        <source>UniLearn Studio timeline</source>
        <translation>UniLearn Studio 时间轴</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::TokenRoutingView</name>
    <message>
        <source>Patch row %1, column %2 of slice %3 (frames %4–%5):</source>
        <translation>切片 %3（第 %4–%5 帧）第 %1 行第 %2 列的图块：</translation>
    </message>
    <message>
        <source>Patch row %1, column %2 of the still:</source>
        <translation>静态图第 %1 行第 %2 列的图块：</translation>
    </message>
    <message>
        <source>block %1:</source>
        <translation>第 %1 块：</translation>
    </message>
    <message>
        <source>No clip traced yet.</source>
        <translation>尚未追踪任何片段。</translation>
    </message>
    <message>
        <source>%1 · block %2 · slice %3/%4</source>
        <translation>%1 · 第 %2 块 · 切片 %3/%4</translation>
    </message>
    <message>
        <source>%1 · block %2</source>
        <translation>%1 · 第 %2 块</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::TrainWizard</name>
    <message>
        <source>Fine-tune UniLearn on your labelled clips</source>
        <translation>用您标注的片段微调 UniLearn</translation>
    </message>
    <message>
        <source>Which labels</source>
        <translation>哪些标注</translation>
    </message>
    <message>
        <source>Segments you labelled become training clips (and some of their frames stills). The video must have been analysed, so that its faces are known.</source>
        <translation>您标注的片段将成为训练片段（其中部分帧成为静态图）。视频必须已被分析，以便知道其中的人脸。</translation>
    </message>
    <message>
        <source>Label scheme:</source>
        <translation>标注方案：</translation>
    </message>
    <message>
        <source>Whose labels count:</source>
        <translation>采用谁的标注：</translation>
    </message>
    <message>
        <source>No labels in this project yet: label segments of analysed people first (Annotate menu).</source>
        <translation>本项目尚无标注：请先标注已分析人物的片段（标注菜单）。</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Which model</source>
        <translation>哪个模型</translation>
    </message>
    <message>
        <source>Start from a UniLearn model and choose how much of it to train.</source>
        <translation>从一个 UniLearn 模型开始，并选择训练其中多少部分。</translation>
    </message>
    <message>
        <source>%1 (random weights)</source>
        <translation>%1（随机权重）</translation>
    </message>
    <message>
        <source>Experts, routers and heads (fast and small; backbone frozen)</source>
        <translation>专家、路由器和输出头（快而小；主干冻结）</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Heads only</source>
        <translation>仅输出头</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>A model file: an authors&apos; checkpoint, one of ours, or the result of `unilearn pretrain`</source>
        <translation>模型文件：作者的检查点、我们的模型，或 `unilearn pretrain` 的结果</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>基础模型：</translation>
    </message>
    <message>
        <source>Train:</source>
        <translation>训练：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Time per epoch:</source>
        <translation>每轮时间：</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.pth *.pt)</source>
        <translation>模型文件 (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Quick: a first try in minutes. Standard: more epochs. Paper: the authors&apos; recipe (100 epochs, small learning rate; hours on a GPU).</source>
        <translation>快速：几分钟内初步尝试。标准：更多轮次。论文：作者的方案（100 轮，小学习率；GPU 上需数小时）。</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>mixup / cutmix with label smoothing</source>
        <translation>mixup / cutmix 与标签平滑</translation>
    </message>
    <message>
        <source>augmentations (RandAugment, crops, flips, erasing)</source>
        <translation>数据增强（RandAugment、裁剪、翻转、擦除）</translation>
    </message>
    <message>
        <source>load-balancing loss (the paper&apos;s intent; the official code never adds it)</source>
        <translation>负载均衡损失（论文的本意；官方代码从未加入）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Clips per batch:</source>
        <translation>每批片段数：</translation>
    </message>
    <message>
        <source>Stills per batch:</source>
        <translation>每批静态图数：</translation>
    </message>
    <message>
        <source>Held out for validation (by person):</source>
        <translation>留作验证（按人物）：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>validation WAR</source>
        <translation>验证 WAR</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>Accuracy per epoch</source>
        <translation>每轮准确率</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop (keep the best epoch)</source>
        <translation>停止（保留最佳轮次）</translation>
    </message>
    <message>
        <source>Report &gt;</source>
        <translation>报告 &gt;</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>On the validation clips, held out from training (whole people where there are several).</source>
        <translation>在从训练中留出的验证片段上（有多人时按整个人留出）。</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>new model</source>
        <translation>新模型</translation>
    </message>
    <message>
        <source>base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Confusion (rows: labelled, columns: predicted)</source>
        <translation>混淆矩阵（行：标注，列：预测）</translation>
    </message>
    <message>
        <source>Recall per class</source>
        <translation>各类别召回率</translation>
    </message>
    <message>
        <source>Name of the new model:</source>
        <translation>新模型名称：</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop the training? The best epoch so far is kept and the run can be resumed with `unilearn train`.</source>
        <translation>停止训练？目前最佳的轮次会被保留，之后可用 `unilearn train` 继续。</translation>
    </message>
    <message>
        <source>Training needs labelled segments of at least two classes.</source>
        <translation>训练需要至少两个类别的已标注片段。</translation>
    </message>
    <message>
        <source>Name taken</source>
        <translation>名称已被占用</translation>
    </message>
    <message>
        <source>A model named %1 is in the project already: choose another name.</source>
        <translation>项目中已有名为 %1 的模型：请另选一个名称。</translation>
    </message>
    <message>
        <source>Could not save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Could not write %1 (is the disk full?).</source>
        <translation>无法写入 %1（磁盘已满？）。</translation>
    </message>
    <message>
        <source>Could not add the model</source>
        <translation>无法添加模型</translation>
    </message>
    <message>
        <source>measuring a few real training steps…</source>
        <translation>正在测量几个真实训练步…</translation>
    </message>
    <message>
        <source>about %1 s per epoch (%2 clip steps at %3/s, %4 still steps at %5/s; %6 MB)</source>
        <translation>每轮约 %1 秒（%2 个片段步，每秒 %3 步；%4 个静态图步，每秒 %5 步；%6 MB）</translation>
    </message>
    <message>
        <source>could not measure: %1</source>
        <translation>无法测量：%1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Reading the labelled faces…</source>
        <translation>正在读取已标注的人脸…</translation>
    </message>
    <message>
        <source>Training on %1 clips and %2 stills; %3 validation clips.</source>
        <translation>在 %1 个片段和 %2 张静态图上训练；%3 个验证片段。</translation>
    </message>
    <message>
        <source>epoch %1/%2, step %3/%4 · about %5 s left</source>
        <translation>第 %1/%2 轮，第 %3/%4 步 · 约剩 %5 秒</translation>
    </message>
    <message>
        <source>The base model cannot be compared class by class: %1</source>
        <translation>无法按类别与基础模型比较：%1</translation>
    </message>
    <message>
        <source>The base model had random weights: nothing to compare with.</source>
        <translation>基础模型是随机权重：没有可比较的。</translation>
    </message>
    <message>
        <source>Epoch %1: loss %2, validation %3%4</source>
        <translation>第 %1 轮：损失 %2，验证 %3%4</translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation>（目前最佳）</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Stopped; the best epoch so far (%1) is kept.</source>
        <translation>已停止；保留目前最佳轮次（%1）。</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended: nothing to keep.</source>
        <translation>在第一轮结束前停止：没有可保留的内容。</translation>
    </message>
    <message>
        <source>Done: the best epoch was %1 (%2).</source>
        <translation>完成：最佳轮次为 %1（%2）。</translation>
    </message>
    <message>
        <source>No validation clips (hold out some people on the Settings page to see how the model does on faces it has not seen).</source>
        <translation>没有验证片段（在设置页面留出部分人物，以查看模型在未见过的人脸上的表现）。</translation>
    </message>
    <message>
        <source>There is no trained model to report on.</source>
        <translation>没有可报告的已训练模型。</translation>
    </message>
    <message>
        <source>UAR / WAR</source>
        <translation>UAR / WAR</translation>
    </message>
    <message>
        <source>How much the expert routing changed on the validation clips (0 = same experts in the same proportions, 1 = entirely different):</source>
        <translation>验证片段上专家路由的变化程度（0 = 相同专家、相同比例，1 = 完全不同）：</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::VideoCanvas</name>
    <message>
        <source>emotions: UniLearn, clips of %1 s</source>
        <translation>情绪：UniLearn，%1 秒片段</translation>
    </message>
    <message>
        <source>emotions: %1, per frame</source>
        <translation>情绪：%1，逐帧</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::WebcamView</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Use a video file as a live source…</source>
        <translation>将视频文件用作实时来源…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Keep the video of the session in the project, to play and annotate it afterwards</source>
        <translation>在项目中保存本次会话的视频，以便之后播放和标注</translation>
    </message>
    <message>
        <source>Face movements</source>
        <translation>面部动作</translation>
    </message>
    <message>
        <source>Landmarks and blendshapes per face: the mesh on the image and the AU-like scores of the face you click (else the largest) beside it (about 30 ms per face)</source>
        <translation>每张人脸的关键点和 blendshape：图像上的网格，旁边是您点击的人脸（否则为最大的人脸）的类 AU 分数（每张人脸约 30 毫秒）</translation>
    </message>
    <message>
        <source>Video as a live source</source>
        <translation>视频作为实时来源</translation>
    </message>
    <message>
        <source>No camera found. Connect one and reopen this view, or use a video file as a live source.</source>
        <translation>未找到摄像头。请连接摄像头后重新打开此视图，或将视频文件用作实时来源。</translation>
    </message>
    <message>
        <source>Open or create a project first: live sessions are stored in it.</source>
        <translation>请先打开或新建项目：实时会话保存在项目中。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Live: %1</source>
        <translation>实时：%1</translation>
    </message>
    <message>
        <source>The camera stopped delivering (%1); waiting for it to come back. Stop to end the session.</source>
        <translation>摄像头已停止传输（%1）；正在等待其恢复。点击停止以结束会话。</translation>
    </message>
    <message>
        <source>face %1</source>
        <translation>人脸 %1</translation>
    </message>
    <message>
        <source>Live session stored: %1 frames, %2 people (%3 frames dropped by the capture)</source>
        <translation>实时会话已保存：%1 帧，%2 人（采集丢弃了 %3 帧）</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::Studio</name>
    <message>
        <source>Facial expressions in video: analyse, annotate and fine-tune UniLearn.</source>
        <translation>视频中的面部表情：分析、标注并微调 UniLearn。</translation>
    </message>
    <message>
        <source>The project to open (created when missing).</source>
        <translation>要打开的项目（不存在时创建）。</translation>
    </message>
    <message>
        <source>Videos to add to the project.</source>
        <translation>要添加到项目中的视频。</translation>
    </message>
</context>
</TS>
