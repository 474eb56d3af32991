<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>unilearn::ui::AnalysisController</name>
    <message>
        <source>video %1 of %2 · </source>
        <translation>Video %1 von %2 · </translation>
    </message>
    <message>
        <source> (and %1 more)</source>
        <translation> (und %1 weitere)</translation>
    </message>
    <message>
        <source>Already analysed with this model and these settings: kept as it is</source>
        <translation>Bereits mit diesem Modell und diesen Einstellungen analysiert: bleibt unverändert</translation>
    </message>
    <message>
        <source>Analysis done: %1 frames, %2 people, %3 windows</source>
        <translation>Analyse fertig: %1 Frames, %2 Personen, %3 Fenster</translation>
    </message>
    <message>
        <source>Analysis cancelled (resumable)</source>
        <translation>Analyse abgebrochen (fortsetzbar)</translation>
    </message>
    <message>
        <source>Analysed %1 of %2 videos</source>
        <translation>%1 von %2 Videos analysiert</translation>
    </message>
    <message>
        <source> · damaged video, analysed around the damage: %1</source>
        <translation> · beschädigtes Video, um die Schäden herum analysiert: %1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::AnnotationEditor</name>
    <message>
        <source>Rename person</source>
        <translation>Person umbenennen</translation>
    </message>
    <message>
        <source>New %1 segment</source>
        <translation>Neues Segment %1</translation>
    </message>
    <message>
        <source>Split inside the segment (frames %1-%2)</source>
        <translation>Innerhalb des Segments teilen (Frames %1–%2)</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>Segment teilen</translation>
    </message>
    <message>
        <source>There is no later segment to merge with</source>
        <translation>Es gibt kein späteres Segment zum Zusammenführen</translation>
    </message>
    <message>
        <source>The next segment is labelled %1, this one %2: give them the same label first (a merge keeps one label)</source>
        <translation>Das nächste Segment ist mit %1 kodiert, dieses mit %2: geben Sie beiden zuerst dasselbe Label (eine Zusammenführung behält ein Label)</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>Segmente zusammenführen</translation>
    </message>
    <message>
        <source>Merge people</source>
        <translation>Personen zusammenführen</translation>
    </message>
    <message>
        <source>Split person</source>
        <translation>Person teilen</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>Segment löschen</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::BlendshapeBars</name>
    <message>
        <source>Blendshape scores (MediaPipe) under the nearest FACS action unit&apos;s name: not certified FACS codes (docs/action-units.md)</source>
        <translation>Blendshape-Werte (MediaPipe) unter dem Namen der nächstliegenden FACS-Action-Unit: keine zertifizierten FACS-Codes (docs/action-units.md)</translation>
    </message>
    <message>
        <source>Face movements: no face</source>
        <translation>Gesichtsbewegungen: kein Gesicht</translation>
    </message>
    <message>
        <source>Face movements: %1</source>
        <translation>Gesichtsbewegungen: %1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ExchangeController</name>
    <message>
        <source>%1 annotations imported, %2 already in the project, %3 not mapped.</source>
        <translation>%1 Annotationen importiert, %2 bereits im Projekt, %3 nicht zugeordnet.</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ExpertClassView</name>
    <message>
        <source>No annotated clip windows yet: label segments of analysed people to see which experts each emotion uses.</source>
        <translation>Noch keine annotierten Clip-Fenster: kodieren Sie Segmente analysierter Personen, um zu sehen, welche Experten jede Emotion nutzt.</translation>
    </message>
    <message>
        <source>No clip windows in this project yet: analyse a video with a UniLearn model.</source>
        <translation>Noch keine Clip-Fenster in diesem Projekt: analysieren Sie ein Video mit einem UniLearn-Modell.</translation>
    </message>
    <message>
        <source>Mean expert share per %1 class · block %2</source>
        <translation>Mittlerer Expertenanteil pro %1 Klasse · Block %2</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>annotierter</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>vorhergesagter</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ExpertUsageChart</name>
    <message>
        <source>No clip windows for this person: analyse with a UniLearn model to see which experts each layer uses along the session.</source>
        <translation>Keine Clip-Fenster für diese Person: analysieren Sie mit einem UniLearn-Modell, um zu sehen, welche Experten jede Schicht im Verlauf der Sitzung nutzt.</translation>
    </message>
    <message>
        <source>Expert shares over time · %1</source>
        <translation>Expertenanteile über die Zeit · %1</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::LabelQueue</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Double-click or Enter: go there with the stretch selected, then press a label key</source>
        <translation>Doppelklick oder Eingabe: dorthin springen und den Abschnitt auswählen, dann eine Label-Taste drücken</translation>
    </message>
    <message>
        <source>Open a video to see which stretches to label next.</source>
        <translation>Öffnen Sie ein Video, um zu sehen, welche Abschnitte als Nächstes kodiert werden sollten.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Stretches of this video where your %1 label would help most: first where coders disagree, then where the model is least sure and you have not labelled yet.</source>
        <translation>Abschnitte dieses Videos, in denen Ihr %1-Label am meisten hilft: zuerst, wo Kodierer uneinig sind, dann, wo das Modell am unsichersten ist und Sie noch nicht kodiert haben.</translation>
    </message>
    <message>
        <source>Analyse this video with a UniLearn model to see where it is unsure.</source>
        <translation>Analysieren Sie dieses Video mit einem UniLearn-Modell, um zu sehen, wo es unsicher ist.</translation>
    </message>
    <message>
        <source>Nothing left to suggest: the model is sure everywhere you have not labelled, and no coders disagree.</source>
        <translation>Keine Vorschläge mehr: Das Modell ist überall sicher, wo Sie nicht kodiert haben, und keine Kodierer sind uneinig.</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::LaneChart</name>
    <message>
        <source>confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>Notiz: %1</translation>
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
        <translation>&lt;h2&gt;UniLearn Studio&lt;/h2&gt;&lt;p&gt;Emotionen in Gesichtern, Frame für Frame und Clip für Clip – für Ihre aufgezeichneten Sitzungen, live von einer Webcam und zum Erkunden, wie das Modell entscheidet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>Try the webcam</source>
        <translation>Webcam ausprobieren</translation>
    </message>
    <message>
        <source>Then add videos (File › Add videos, or drop them here) and analyse them. Help › First session walks through a whole session; F1 lists the keys.</source>
        <translation>Fügen Sie dann Videos hinzu (Datei › Videos hinzufügen, oder hierher ziehen) und analysieren Sie sie. Hilfe › Erste Sitzung führt durch eine ganze Sitzung; F1 listet die Tasten.</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Webcam</source>
        <translation>Webcam</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Videos</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Model: %1 · CPU, %2 threads</source>
        <translation>Modell: %1 · CPU, %2 Threads</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
    <message>
        <source>Move segment edge</source>
        <translation>Segmentgrenze verschieben</translation>
    </message>
    <message>
        <source>An analysis is running; cancel it before opening another project.</source>
        <translation>Eine Analyse läuft; brechen Sie sie ab, bevor Sie ein anderes Projekt öffnen.</translation>
    </message>
    <message>
        <source>%1 — UniLearn Studio</source>
        <translation>%1 — UniLearn Studio</translation>
    </message>
    <message>
        <source>Rename person</source>
        <translation>Person umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Double-click to rename</source>
        <translation>Doppelklick zum Umbenennen</translation>
    </message>
    <message>
        <source>Found the moved video at %1</source>
        <translation>Das verschobene Video wurde unter %1 gefunden</translation>
    </message>
    <message>
        <source>Video not found</source>
        <translation>Video nicht gefunden</translation>
    </message>
    <message>
        <source>%1 is no longer at %2, nor beside the project. Locate it?</source>
        <translation>%1 ist nicht mehr unter %2 und auch nicht neben dem Projekt. Suchen?</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>%1 suchen</translation>
    </message>
    <message>
        <source>A live session: its timeline, no recording</source>
        <translation>Eine Live-Sitzung: ihre Zeitleiste, keine Aufnahme</translation>
    </message>
    <message>
        <source>Cannot play %1: %2</source>
        <translation>%1 kann nicht abgespielt werden: %2</translation>
    </message>
    <message>
        <source>Cannot load the timeline: %1</source>
        <translation>Die Zeitleiste kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Select a video to analyse.</source>
        <translation>Wählen Sie ein Video zur Analyse.</translation>
    </message>
    <message>
        <source>Add videos to the project first (File › Add videos, or drop them here).</source>
        <translation>Fügen Sie dem Projekt zuerst Videos hinzu (Datei › Videos hinzufügen, oder hierher ziehen).</translation>
    </message>
    <message>
        <source>Model: %1 · CPU, %2 threads%3</source>
        <translation>Modell: %1 · CPU, %2 Threads%3</translation>
    </message>
    <message>
        <source>static only</source>
        <translation>nur statisch</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>%1 Frames/s</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Add videos…</source>
        <translation>Videos &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add videos</source>
        <translation>Videos hinzufügen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v)</source>
        <translation>Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Windows and frames as &amp;CSV…</source>
        <translation>Fenster und Frames als &amp;CSV…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Annotations as a table (CSV for R, SPSS)…</source>
        <translation>&amp;Annotationen als Tabelle (CSV für R, SPSS)…</translation>
    </message>
    <message>
        <source>This video for &amp;ELAN…</source>
        <translation>Dieses Video für &amp;ELAN…</translation>
    </message>
    <message>
        <source>ELAN (*.eaf)</source>
        <translation>ELAN (*.eaf)</translation>
    </message>
    <message>
        <source>States for &amp;BORIS (TSV)…</source>
        <translation>Zustände für &amp;BORIS (TSV)…</translation>
    </message>
    <message>
        <source>TSV (*.tsv)</source>
        <translation>TSV (*.tsv)</translation>
    </message>
    <message>
        <source>Everything as &amp;JSON…</source>
        <translation>Alles als &amp;JSON…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>The visible &amp;timeline as PNG or SVG…</source>
        <translation>Die sichtbare &amp;Zeitleiste als PNG oder SVG…</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>Zeitleiste exportieren</translation>
    </message>
    <message>
        <source>Pictures (*.png *.svg)</source>
        <translation>Bilder (*.png *.svg)</translation>
    </message>
    <message>
        <source>&amp;Import annotations (ELAN, BORIS TSV, CSV)…</source>
        <translation>Annotationen &amp;importieren (ELAN, BORIS-TSV, CSV)…</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>Annotationen importieren</translation>
    </message>
    <message>
        <source>Annotations (*.eaf *.tsv *.csv)</source>
        <translation>Annotationen (*.eaf *.tsv *.csv)</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>Projekt &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Go to a &amp;time or frame…</source>
        <translation>Zu einer &amp;Zeit oder einem Frame…</translation>
    </message>
    <message>
        <source>Back 1 second</source>
        <translation>1 Sekunde zurück</translation>
    </message>
    <message>
        <source>Forward 1 second</source>
        <translation>1 Sekunde vor</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>5 Sekunden zurück</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>5 Sekunden vor</translation>
    </message>
    <message>
        <source>Back 1 minute</source>
        <translation>1 Minute zurück</translation>
    </message>
    <message>
        <source>Forward 1 minute</source>
        <translation>1 Minute vor</translation>
    </message>
    <message>
        <source>&amp;Previous annotation</source>
        <translation>&amp;Vorherige Annotation</translation>
    </message>
    <message>
        <source>&amp;Next annotation</source>
        <translation>&amp;Nächste Annotation</translation>
    </message>
    <message>
        <source>A&amp;nnotate</source>
        <translation>A&amp;nnotieren</translation>
    </message>
    <message>
        <source>Set &amp;in point</source>
        <translation>&amp;Anfangspunkt setzen</translation>
    </message>
    <message>
        <source>Set &amp;out point</source>
        <translation>&amp;Endpunkt setzen</translation>
    </message>
    <message>
        <source>&amp;Loop the selection</source>
        <translation>Auswahl in &amp;Schleife</translation>
    </message>
    <message>
        <source>&amp;Label (selection or segment at the playhead)</source>
        <translation>&amp;Label (Auswahl oder Segment am Abspielkopf)</translation>
    </message>
    <message>
        <source>Sc&amp;heme</source>
        <translation>Sc&amp;hema</translation>
    </message>
    <message>
        <source>&amp;Split at the playhead</source>
        <translation>Am Abspielkopf &amp;teilen</translation>
    </message>
    <message>
        <source>&amp;Merge with the next segment</source>
        <translation>Mit dem nächsten Segment zusa&amp;mmenführen</translation>
    </message>
    <message>
        <source>&amp;Delete the segment at the playhead</source>
        <translation>Segment am Abspielkopf &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Note on the segment at the playhead…</source>
        <translation>&amp;Notiz zum Segment am Abspielkopf…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>&amp;Rename the selected person…</source>
        <translation>Ausgewählte Person &amp;umbenennen…</translation>
    </message>
    <message>
        <source>Split the selected &amp;person at the playhead</source>
        <translation>Ausgewählte &amp;Person am Abspielkopf teilen</translation>
    </message>
    <message>
        <source>Merge the selected person &amp;into…</source>
        <translation>Ausgewählte Person zusammenführen &amp;mit…</translation>
    </message>
    <message>
        <source>Select a person in the People list first.</source>
        <translation>Wählen Sie zuerst eine Person in der Personenliste.</translation>
    </message>
    <message>
        <source>Everyone else is on screen at the same time as this person at some moment: they are different people.</source>
        <translation>Alle anderen sind irgendwann gleichzeitig mit dieser Person im Bild: es sind verschiedene Personen.</translation>
    </message>
    <message>
        <source>There is nobody else to merge with.</source>
        <translation>Es gibt niemanden sonst zum Zusammenführen.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Same person as:</source>
        <translation>Dieselbe Person wie:</translation>
    </message>
    <message>
        <source>Label &amp;keys…</source>
        <translation>Label-&amp;Tasten…</translation>
    </message>
    <message>
        <source>Label keys</source>
        <translation>Label-Tasten</translation>
    </message>
    <message>
        <source>One key per label, in this order:
%1
(for example 1234567 or qwertyu)</source>
        <translation>Eine Taste pro Label, in dieser Reihenfolge:
%1
(zum Beispiel 1234567 oder qwertzu)</translation>
    </message>
    <message>
        <source>&amp;Annotator name…</source>
        <translation>Name des &amp;Annotators…</translation>
    </message>
    <message>
        <source>A&amp;greement (κ) with the model or an annotator…</source>
        <translation>Ü&amp;bereinstimmung (κ) mit dem Modell oder einem Annotator…</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
    <message>
        <source>Compare %1 with:</source>
        <translation>%1 vergleichen mit:</translation>
    </message>
    <message>
        <source>Session &amp;statistics…</source>
        <translation>Sitzungs&amp;statistik…</translation>
    </message>
    <message>
        <source>&amp;Compare with another annotator…</source>
        <translation>Mit einem anderen Annotator &amp;vergleichen…</translation>
    </message>
    <message>
        <source>Nobody else annotated this video yet.</source>
        <translation>Niemand sonst hat dieses Video bisher annotiert.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Annotator:</source>
        <translation>Annotator:</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Stacked areas</source>
        <translation>&amp;Gestapelte Flächen</translation>
    </message>
    <message>
        <source>Per-frame &amp;overlay</source>
        <translation>Pro-Frame-&amp;Overlay</translation>
    </message>
    <message>
        <source>Face &amp;keypoints</source>
        <translation>Gesichts-&amp;Keypoints</translation>
    </message>
    <message>
        <source>Face m&amp;esh</source>
        <translation>Gesichts&amp;netz</translation>
    </message>
    <message>
        <source>The 478 landmarks, where the analysis found them (Analysis › Face movements and landmarks)</source>
        <translation>Die 478 Landmarks, wo die Analyse sie gefunden hat (Analyse › Gesichtsbewegungen und Landmarks)</translation>
    </message>
    <message>
        <source>Face mo&amp;vements on the timeline</source>
        <translation>Gesichtsbe&amp;wegungen auf der Zeitleiste</translation>
    </message>
    <message>
        <source>Smile, brows, jaw and blinks (AU-like scores, not FACS codes)</source>
        <translation>Lächeln, Brauen, Kiefer und Lidschläge (AU-ähnliche Werte, keine FACS-Codes)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;First session…</source>
        <translation>&amp;Erste Sitzung…</translation>
    </message>
    <message>
        <source>Your first session</source>
        <translation>Ihre erste Sitzung</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>UniLearn projects (*.ulproj)</source>
        <translation>UniLearn-Projekte (*.ulproj)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › Play or pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left, Right&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › One frame back or on&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home, End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › First or last frame&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Leertaste&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › Abspielen oder Pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Links, Rechts&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › Ein Frame zurück oder vor&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Pos1, Ende&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Player › Erster oder letzter Frame&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>&amp;New scheme…</source>
        <translation>&amp;Neues Schema…</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>Öffnen Sie zuerst ein Projekt.</translation>
    </message>
    <message>
        <source>New scheme</source>
        <translation>Neues Schema</translation>
    </message>
    <message>
        <source>Labels, separated by commas; a colour may follow each (Calm=#88cc88, Tense=#cc4444):</source>
        <translation>Labels, durch Kommas getrennt; jedem kann eine Farbe folgen (Ruhig=#88cc88, Angespannt=#cc4444):</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;%1:&lt;/span&gt; %2 &amp;nbsp;·&amp;nbsp; &lt;b&gt;I&lt;/b&gt;/&lt;b&gt;O&lt;/b&gt; in/out &amp;nbsp;&lt;b&gt;N&lt;/b&gt; note &amp;nbsp;&lt;b&gt;S&lt;/b&gt; split &amp;nbsp;&lt;b&gt;M&lt;/b&gt; merge &amp;nbsp;&lt;b&gt;F1&lt;/b&gt; all keys</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;%1:&lt;/span&gt; %2 &amp;nbsp;·&amp;nbsp; &lt;b&gt;I&lt;/b&gt;/&lt;b&gt;O&lt;/b&gt; Anfang/Ende &amp;nbsp;&lt;b&gt;N&lt;/b&gt; Notiz &amp;nbsp;&lt;b&gt;S&lt;/b&gt; teilen &amp;nbsp;&lt;b&gt;M&lt;/b&gt; zusammenführen &amp;nbsp;&lt;b&gt;F1&lt;/b&gt; alle Tasten</translation>
    </message>
    <message>
        <source>Who is annotating?</source>
        <translation>Wer annotiert?</translation>
    </message>
    <message>
        <source>Every label you make is stored under your name, so that two coders can be compared
(agreement, statistics) and exports say who coded what. Your name or initials:</source>
        <translation>Jedes Label, das Sie vergeben, wird unter Ihrem Namen gespeichert, damit zwei Kodierer verglichen werden können
(Übereinstimmung, Statistik) und Exporte zeigen, wer was kodiert hat. Ihr Name oder Ihre Initialen:</translation>
    </message>
    <message>
        <source>Relabel as %1</source>
        <translation>Umkodieren als %1</translation>
    </message>
    <message>
        <source>Mark a selection first: I at its start, O at its end (or stand on a segment).</source>
        <translation>Markieren Sie zuerst eine Auswahl: I am Anfang, O am Ende (oder stellen Sie sich auf ein Segment).</translation>
    </message>
    <message>
        <source>No selection to loop (I and O mark one); looping is off</source>
        <translation>Keine Auswahl für die Schleife (I und O markieren eine); Schleife ist aus</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Cannot write %1 (use .png or .svg; check the folder and free space)</source>
        <translation>%1 kann nicht geschrieben werden (verwenden Sie .png oder .svg; prüfen Sie den Ordner und freien Speicher)</translation>
    </message>
    <message>
        <source>No annotation after the playhead</source>
        <translation>Keine Annotation nach dem Abspielkopf</translation>
    </message>
    <message>
        <source>No annotation before the playhead</source>
        <translation>Keine Annotation vor dem Abspielkopf</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>&amp;Fast arithmetic (bf16)</source>
        <translation>&amp;Schnelle Arithmetik (bf16)</translation>
    </message>
    <message>
        <source>About twice as fast; the same top class for 99 % of faces measured</source>
        <translation>Etwa doppelt so schnell; dieselbe Top-Klasse bei 99 % der gemessenen Gesichter</translation>
    </message>
    <message>
        <source>This CPU has no native bf16 arithmetic; fp32 is faster here</source>
        <translation>Diese CPU hat keine native bf16-Arithmetik; fp32 ist hier schneller</translation>
    </message>
    <message>
        <source>&amp;Quantized arithmetic (int8)</source>
        <translation>&amp;Quantisierte Arithmetik (int8)</translation>
    </message>
    <message>
        <source>Linear layers in int8, routers in fp32: the same top class for 99 % of faces measured; faster for stills, about as fast as fp32 for clips on this kind of CPU, where bf16 is the faster choice</source>
        <translation>Lineare Schichten in int8, Router in fp32: dieselbe Top-Klasse bei 99 % der gemessenen Gesichter; schneller für Standbilder, für Clips auf dieser Art CPU etwa so schnell wie fp32, wo bf16 die schnellere Wahl ist</translation>
    </message>
    <message>
        <source>Face &amp;movements and landmarks</source>
        <translation>Gesichts&amp;bewegungen und Landmarks</translation>
    </message>
    <message>
        <source>New analyses also find 478 landmarks and 52 blendshapes per face (MediaPipe): smile, brows, jaw and blinks on the timeline, the mesh on the video, blink and smile events. About 30 ms more per face and frame; 3 kB per face and frame in the project.</source>
        <translation>Neue Analysen finden auch 478 Landmarks und 52 Blendshapes pro Gesicht (MediaPipe): Lächeln, Brauen, Kiefer und Lidschläge auf der Zeitleiste, das Netz auf dem Video, Lidschlag- und Lächelereignisse. Etwa 30 ms mehr pro Gesicht und Frame; 3 kB pro Gesicht und Frame im Projekt.</translation>
    </message>
    <message>
        <source>Find &amp;blinks and smiles</source>
        <translation>&amp;Lidschläge und Lächeln finden</translation>
    </message>
    <message>
        <source>Blinks and smiles</source>
        <translation>Lidschläge und Lächeln</translation>
    </message>
    <message>
        <source>Analyze with the &amp;static model only</source>
        <translation>Nur mit dem &amp;statischen Modell analysieren</translation>
    </message>
    <message>
        <source>Analyze with the &amp;chosen model (Models panel)</source>
        <translation>Mit dem &amp;gewählten Modell analysieren (Modelle-Bereich)</translation>
    </message>
    <message>
        <source>No UniLearn model is chosen yet: import one in the Models panel and press “Use for analysis”, or analyse with the static model only.</source>
        <translation>Noch kein UniLearn-Modell gewählt: importieren Sie eines im Modelle-Bereich und klicken Sie „Analysieren damit“, oder analysieren Sie nur mit dem statischen Modell.</translation>
    </message>
    <message>
        <source>Analyze &amp;all videos with the chosen model</source>
        <translation>&amp;Alle Videos mit dem gewählten Modell analysieren</translation>
    </message>
    <message>
        <source>The chosen model %1 is gone: choose another in the Models panel.</source>
        <translation>Das gewählte Modell %1 ist nicht mehr vorhanden: wählen Sie ein anderes im Modelle-Bereich.</translation>
    </message>
    <message>
        <source>Analyze with a &amp;UniLearn model file…</source>
        <translation>Mit einer &amp;UniLearn-Modelldatei analysieren…</translation>
    </message>
    <message>
        <source>UniLearn model</source>
        <translation>UniLearn-Modell</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.pth *.pt)</source>
        <translation>Modelldateien (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <source>&amp;Cancel analysis</source>
        <translation>Analyse &amp;abbrechen</translation>
    </message>
    <message>
        <source>Pre-training &amp;reconstruction of this clip…</source>
        <translation>&amp;Rekonstruktion dieses Clips aus dem Vortraining…</translation>
    </message>
    <message>
        <source>Analyse the video first: the reconstruction needs the faces of a clip.</source>
        <translation>Analysieren Sie zuerst das Video: die Rekonstruktion braucht die Gesichter eines Clips.</translation>
    </message>
    <message>
        <source>Pre-training file (unilearn pretrain)</source>
        <translation>Vortrainingsdatei (unilearn pretrain)</translation>
    </message>
    <message>
        <source>Model files (*.safetensors)</source>
        <translation>Modelldateien (*.safetensors)</translation>
    </message>
    <message>
        <source>Masked-autoencoder reconstruction</source>
        <translation>Rekonstruktion des Masked Autoencoders</translation>
    </message>
    <message>
        <source>&amp;Fine-tune on my labels…</source>
        <translation>Auf meine Labels &amp;feinabstimmen…</translation>
    </message>
    <message>
        <source>Open a project with labelled, analysed videos first.</source>
        <translation>Öffnen Sie zuerst ein Projekt mit kodierten, analysierten Videos.</translation>
    </message>
    <message>
        <source>Label next</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>&amp;What to label next</source>
        <translation>&amp;Was als Nächstes kodieren</translation>
    </message>
    <message>
        <source>Selection is the person&apos;s neutral &amp;baseline</source>
        <translation>Auswahl ist die neutrale &amp;Baseline der Person</translation>
    </message>
    <message>
        <source>Mark a stretch where the selected person rests with a neutral face (I and O), then choose this: their expressions can then be shown relative to it, in this and their other sessions (same name)</source>
        <translation>Markieren Sie einen Abschnitt, in dem die ausgewählte Person mit neutralem Gesicht ruht (I und O), und wählen Sie dann dies: ihre Ausdrücke können dann relativ dazu gezeigt werden, in dieser und ihren anderen Sitzungen (gleicher Name)</translation>
    </message>
    <message>
        <source>Clear the person&apos;s baseline</source>
        <translation>Baseline der Person entfernen</translation>
    </message>
    <message>
        <source>Relative to each person&apos;s &amp;baseline</source>
        <translation>Relativ zur &amp;Baseline jeder Person</translation>
    </message>
    <message>
        <source>Each person&apos;s expressions above their neutral baseline (Annotate › Selection is the person&apos;s neutral baseline); people without one are shown as they are</source>
        <translation>Die Ausdrücke jeder Person oberhalb ihrer neutralen Baseline (Annotieren › Auswahl ist die neutrale Baseline der Person); Personen ohne Baseline werden unverändert gezeigt</translation>
    </message>
    <message>
        <source>Selected %1 – %2: press a label key (L plays it in a loop)</source>
        <translation>%1 – %2 ausgewählt: drücken Sie eine Label-Taste (L spielt es in Schleife)</translation>
    </message>
    <message>
        <source>Select the person (People) and mark a stretch where they rest with a neutral face (I at its start, O at its end) first.</source>
        <translation>Wählen Sie zuerst die Person (Personen) und markieren Sie einen Abschnitt, in dem sie mit neutralem Gesicht ruht (I am Anfang, O am Ende).</translation>
    </message>
    <message>
        <source>%1&apos;s neutral baseline: %2 – %3%4</source>
        <translation>Neutrale Baseline von %1: %2 – %3%4</translation>
    </message>
    <message>
        <source> (View › Relative to each person&apos;s baseline shows it)</source>
        <translation> (Ansicht › Relativ zur Baseline jeder Person zeigt sie)</translation>
    </message>
    <message>
        <source>The selected person has no baseline.</source>
        <translation>Die ausgewählte Person hat keine Baseline.</translation>
    </message>
    <message>
        <source>Who is who?</source>
        <translation>Wer ist wer?</translation>
    </message>
    <message>
        <source>The file names people this project does not know. Choose who each of them is here:</source>
        <translation>Die Datei nennt Personen, die dieses Projekt nicht kennt. Wählen Sie, wer jede von ihnen hier ist:</translation>
    </message>
    <message>
        <source>the whole video</source>
        <translation>das ganze Video</translation>
    </message>
    <message>
        <source>leave out</source>
        <translation>weglassen</translation>
    </message>
    <message>
        <source>Session statistics</source>
        <translation>Sitzungsstatistik</translation>
    </message>
    <message>
        <source>the whole stretch</source>
        <translation>den ganzen Abschnitt</translation>
    </message>
    <message>
        <source>each epoch of “%1”</source>
        <translation>jede Epoche von „%1“</translation>
    </message>
    <message>
        <source>Statistics for</source>
        <translation>Statistik für</translation>
    </message>
    <message>
        <source>Share of the rated time in each emotion — %1</source>
        <translation>Anteil der bewerteten Zeit in jeder Emotion — %1</translation>
    </message>
    <message>
        <source>Save table as CSV…</source>
        <translation>Tabelle als CSV speichern…</translation>
    </message>
    <message>
        <source>Save figure…</source>
        <translation>Abbildung speichern…</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Statistics figure</source>
        <translation>Statistik-Abbildung</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1: check the folder and free space.</source>
        <translation>%1 konnte nicht geschrieben werden: prüfen Sie den Ordner und freien Speicher.</translation>
    </message>
    <message>
        <source>Per-frame &amp;curves</source>
        <translation>Pro-Frame-&amp;Kurven</translation>
    </message>
    <message>
        <source>UniLearn&apos;s &amp;image head</source>
        <translation>&amp;Bildkopf von UniLearn</translation>
    </message>
    <message>
        <source>&amp;Static model (FaceExpressionNet)</source>
        <translation>&amp;Statisches Modell (FaceExpressionNet)</translation>
    </message>
    <message>
        <source>The fastest: 60.5 % WAR, 61.5 % UAR on FER+ validation faces.</source>
        <translation>Das schnellste: 60,5 % WAR, 61,5 % UAR auf FER+-Validierungsgesichtern.</translation>
    </message>
    <message>
        <source>The timeline, the video and exports say which model made the curves; with a UniLearn model whose image head lacks the seven expressions, the static model makes them.</source>
        <translation>Zeitleiste, Video und Exporte nennen das Modell, das die Kurven erzeugt hat; bei einem UniLearn-Modell, dessen Bildkopf die sieben Ausdrücke fehlen, erzeugt sie das statische Modell.</translation>
    </message>
    <message>
        <source>The per-frame curves, faint, over the clip curves: from the static model, UniLearn&apos;s image head or both combined, as the timeline&apos;s legend says</source>
        <translation>Die Pro-Frame-Kurven, blass, über den Clip-Kurven: vom statischen Modell, vom Bildkopf von UniLearn oder von beiden zusammen, wie die Legende der Zeitleiste angibt</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;&lt;b&gt;File › New project&lt;/b&gt;: one file holds the videos, the model&apos;s results and your annotations.&lt;/li&gt;&lt;li&gt;&lt;b&gt;File › Add videos&lt;/b&gt; (or drop them on the window), then &lt;b&gt;Analysis › Analyse&lt;/b&gt;: faces are found and followed, and each person&apos;s emotions drawn on the timeline.&lt;/li&gt;&lt;li&gt;Rename people in the People panel (F2).&lt;/li&gt;&lt;li&gt;Annotate: mark &lt;b&gt;I&lt;/b&gt;n and &lt;b&gt;O&lt;/b&gt;ut, then press a label key (Annotate › Label keys); &lt;b&gt;N&lt;/b&gt; adds a note; &lt;b&gt;S&lt;/b&gt; splits, &lt;b&gt;M&lt;/b&gt; merges. &lt;b&gt;Ctrl+J&lt;/b&gt; lists what to label next: where the model is least sure or coders disagree.&lt;/li&gt;&lt;li&gt;Optionally mark a stretch where a person rests with a neutral face and choose Annotate › Selection is the person&apos;s neutral baseline; View › Relative to each person&apos;s baseline then shows their expressions above it, in all their sessions.&lt;/li&gt;&lt;li&gt;Compare with a colleague or the model (Annotate › Agreement) and export for ELAN, BORIS, R or SPSS (File › Export).&lt;/li&gt;&lt;/ol&gt;The timeline&apos;s curves come from UniLearn&apos;s clip windows; the per-frame curves and the Webcam tab&apos;s emotions from the static model and UniLearn&apos;s image head combined (Analysis › Per-frame curves). Each model&apos;s card (Models panel) says what it was trained on and how well it does.</source>
        <translation>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Datei › Neues Projekt&lt;/b&gt;: eine Datei enthält die Videos, die Ergebnisse des Modells und Ihre Annotationen.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Datei › Videos hinzufügen&lt;/b&gt; (oder auf das Fenster ziehen), dann &lt;b&gt;Analyse › Analysieren&lt;/b&gt;: Gesichter werden gefunden und verfolgt, und die Emotionen jeder Person werden auf der Zeitleiste gezeichnet.&lt;/li&gt;&lt;li&gt;Benennen Sie Personen im Personen-Bereich um (F2).&lt;/li&gt;&lt;li&gt;Annotieren: &lt;b&gt;I&lt;/b&gt; (Anfang) und &lt;b&gt;O&lt;/b&gt; (Ende) markieren, dann eine Label-Taste drücken (Annotieren › Label-Tasten); &lt;b&gt;N&lt;/b&gt; fügt eine Notiz hinzu; &lt;b&gt;S&lt;/b&gt; teilt, &lt;b&gt;M&lt;/b&gt; führt zusammen. &lt;b&gt;Strg+J&lt;/b&gt; zeigt, was als Nächstes zu kodieren ist: wo das Modell am unsichersten ist oder Kodierer uneinig sind.&lt;/li&gt;&lt;li&gt;Markieren Sie optional einen Abschnitt, in dem eine Person mit neutralem Gesicht ruht, und wählen Sie Annotieren › Auswahl ist die neutrale Baseline der Person; Ansicht › Relativ zur Baseline jeder Person zeigt dann ihre Ausdrücke oberhalb davon, in all ihren Sitzungen.&lt;/li&gt;&lt;li&gt;Vergleichen Sie mit einer Kollegin oder dem Modell (Annotieren › Übereinstimmung) und exportieren Sie für ELAN, BORIS, R oder SPSS (Datei › Exportieren).&lt;/li&gt;&lt;/ol&gt;Die Kurven der Zeitleiste stammen von den Clip-Fenstern von UniLearn; die Pro-Frame-Kurven und die Emotionen im Webcam-Tab vom statischen Modell und dem Bildkopf von UniLearn zusammen (Analyse › Pro-Frame-Kurven). Die Karte jedes Modells (Modelle-Bereich) sagt, worauf es trainiert wurde und wie gut es ist.</translation>
    </message>
    <message>
        <source>&amp;Both models combined (most balanced)</source>
        <translation>&amp;Beide Modelle kombiniert (am ausgewogensten)</translation>
    </message>
    <message>
        <source>The static model and UniLearn&apos;s image head together: on FER+ validation faces through the app&apos;s own path 66.7 % WAR and 64.4 % UAR, the most even across the seven expressions. About 7 ms more per face and frame than the static model alone.</source>
        <translation>Das statische Modell und der Bildkopf von UniLearn zusammen: auf FER+-Validierungsgesichtern über den eigenen Weg der App 66,7 % WAR und 64,4 % UAR, am gleichmäßigsten über die sieben Ausdrücke. Etwa 7 ms mehr pro Gesicht und Bild als das statische Modell allein.</translation>
    </message>
    <message>
        <source>The same network as the clip windows: 69.3 % WAR, 57.4 % UAR on FER+ validation faces; it learnt from grey faces only.</source>
        <translation>Dasselbe Netz wie die Clip-Fenster: 69,3 % WAR, 57,4 % UAR auf FER+-Validierungsgesichtern; es hat nur von grauen Gesichtern gelernt.</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ModelManager</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Was es ist</translation>
    </message>
    <message>
        <source>The load report of an imported checkpoint appears here.</source>
        <translation>Der Ladebericht eines importierten Checkpoints erscheint hier.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paper-level accuracy needs the authors&apos; weights.&lt;/b&gt; UniLearn&apos;s authors publish their fine-tuned checkpoints on Hugging Face (&lt;i&gt;cyinen/S4D&lt;/i&gt;: DFEW, FERV39K and MAFW folds). Download a &lt;tt&gt;.pth&lt;/tt&gt; file there and import it: every weight is checked, the report says in plain words what was found and what was missing, and a &lt;tt&gt;.safetensors&lt;/tt&gt; copy is kept in the project&apos;s models folder.</source>
        <translation>&lt;b&gt;Genauigkeit wie im Paper braucht die Gewichte der Autoren.&lt;/b&gt; Die Autoren von UniLearn veröffentlichen ihre feinabgestimmten Checkpoints auf Hugging Face (&lt;i&gt;cyinen/S4D&lt;/i&gt;: Folds von DFEW, FERV39K und MAFW). Laden Sie dort eine &lt;tt&gt;.pth&lt;/tt&gt;-Datei herunter und importieren Sie sie: jedes Gewicht wird geprüft, der Bericht sagt in klaren Worten, was gefunden wurde und was fehlte, und eine &lt;tt&gt;.safetensors&lt;/tt&gt;-Kopie wird im Modellordner des Projekts aufbewahrt.</translation>
    </message>
    <message>
        <source>Import the authors&apos; checkpoint…</source>
        <translation>Autoren-Checkpoint importieren…</translation>
    </message>
    <message>
        <source>Use for analysis</source>
        <translation>Analysieren damit</translation>
    </message>
    <message>
        <source>Authors&apos; checkpoint or model file</source>
        <translation>Checkpoint der Autoren oder Modelldatei</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors)</source>
        <translation>Checkpoints (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>Mitgeliefert</translation>
    </message>
    <message>
        <source>FaceExpressionNet</source>
        <translation>FaceExpressionNet</translation>
    </message>
    <message>
        <source>static expressions per frame (face-api.js, MIT); always on</source>
        <translation>statische Ausdrücke pro Frame (face-api.js, MIT); immer aktiv</translation>
    </message>
    <message>
        <source>UniLearn-T (FER+)</source>
        <translation>UniLearn-T (FER+)</translation>
    </message>
    <message>
        <source>works out of the box; trained on FER+&apos;s labelled faces — see its card</source>
        <translation>funktioniert sofort; auf den gelabelten Gesichtern von FER+ trainiert — siehe seine Karte</translation>
    </message>
    <message>
        <source>  ✓ used for analysis</source>
        <translation>  ✓ für die Analyse verwendet</translation>
    </message>
    <message>
        <source>In this project</source>
        <translation>In diesem Projekt</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>import an authors&apos; checkpoint below</source>
        <translation>importieren Sie unten einen Checkpoint der Autoren</translation>
    </message>
    <message>
        <source>Architectures (random weights)</source>
        <translation>Architekturen (zufällige Gewichte)</translation>
    </message>
    <message>
        <source>no training: for trying the pipeline</source>
        <translation>kein Training: zum Ausprobieren der Pipeline</translation>
    </message>
    <message>
        <source>Open a project first: imported models are kept with it.</source>
        <translation>Öffnen Sie zuerst ein Projekt: importierte Modelle werden bei ihm aufbewahrt.</translation>
    </message>
    <message>
        <source>Importing %1 …</source>
        <translation>%1 wird importiert …</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Nicht importiert: %1</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ModelSummaryWidget</name>
    <message>
        <source>UniLearn model: %1</source>
        <translation>UniLearn-Modell: %1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Video input</source>
        <translation>Videoeingabe</translation>
    </message>
    <message>
        <source>%1 frames of %2×%2 px → %3 tokens (%4 temporal slices of %5×%5 patches)</source>
        <translation>%1 Frames zu %2×%2 px → %3 Tokens (%4 zeitliche Scheiben zu %5×%5 Patches)</translation>
    </message>
    <message>
        <source>Image input</source>
        <translation>Bildeingabe</translation>
    </message>
    <message>
        <source>%1×%1 px, repeated to a 2-frame clip → %2 tokens</source>
        <translation>%1×%1 px, zu einem 2-Frame-Clip wiederholt → %2 Tokens</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>%1 blocks, width %2, %3 attention heads</source>
        <translation>%1 Blöcke, Breite %2, %3 Attention-Köpfe</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>Experten</translation>
    </message>
    <message>
        <source>%1 adapter experts (hidden %2) in blocks %3; each token goes to its top %4</source>
        <translation>%1 Adapter-Experten (versteckt %2) in den Blöcken %3; jedes Token geht an seine besten %4</translation>
    </message>
    <message>
        <source>Image head</source>
        <translation>Bildkopf</translation>
    </message>
    <message>
        <source>%1 classes: %2</source>
        <translation>%1 Klassen: %2</translation>
    </message>
    <message>
        <source>Video head</source>
        <translation>Videokopf</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::PathComparison</name>
    <message>
        <source>Still · head.image</source>
        <translation>Standbild · head.image</translation>
    </message>
    <message>
        <source>Clip · head.video</source>
        <translation>Clip · head.video</translation>
    </message>
    <message>
        <source>The middle face of the clip goes through the image path (as a 2-frame still, head.image) and the whole clip through the video path (head.video); their routings appear here side by side.</source>
        <translation>Das mittlere Gesicht des Clips geht durch den Bildpfad (als 2-Frame-Standbild, head.image) und der ganze Clip durch den Videopfad (head.video); ihr Routing erscheint hier nebeneinander.</translation>
    </message>
    <message>
        <source>Still: %1 · Clip: %2. How differently the two paths use the experts (0 = same experts, same proportions; 1 = disjoint):</source>
        <translation>Standbild: %1 · Clip: %2. Wie unterschiedlich die beiden Pfade die Experten nutzen (0 = dieselben Experten in denselben Anteilen; 1 = disjunkt):</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::PlayerWidget</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Abspielen / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>One frame back (Left)</source>
        <translation>Ein Frame zurück (Links)</translation>
    </message>
    <message>
        <source>One frame forward (Right)</source>
        <translation>Ein Frame vor (Rechts)</translation>
    </message>
    <message>
        <source>go to 1:02.5 · 7.5s · f250</source>
        <translation>gehe zu 1:02.5 · 7.5s · f250</translation>
    </message>
    <message>
        <source>Go to a time (h:mm:ss.mmm as in ELAN, m:ss, 7.5s or 7.5: seconds) or a frame (f250, 250f). Enter to go.</source>
        <translation>Zu einer Zeit (h:mm:ss.mmm wie in ELAN, m:ss, 7.5s oder 7.5: Sekunden) oder einem Frame (f250, 250f) springen. Eingabe zum Springen.</translation>
    </message>
    <message>
        <source>Keypoints</source>
        <translation>Keypoints</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a time (1:02.5, 7.5s) nor a frame (f250)</source>
        <translation>„%1“ ist weder eine Zeit (1:02.5, 7.5s) noch ein Frame (f250)</translation>
    </message>
    <message>
        <source>no video</source>
        <translation>kein Video</translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3</source>
        <translation>Frame %1 / %2 · %3</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>an error without a message</source>
        <translation>ein Fehler ohne Meldung</translation>
    </message>
    <message>
        <source>likely %1 %2 %</source>
        <translation>wahrscheinlich %1 %2 %</translation>
    </message>
    <message>
        <source>unsure: %1? %2 %</source>
        <translation>unsicher: %1? %2 %</translation>
    </message>
    <message>
        <source>whole video</source>
        <translation>ganzes Video</translation>
    </message>
    <message>
        <source>face (id %1)</source>
        <translation>Gesicht (ID %1)</translation>
    </message>
    <message>
        <source>coders disagree (%1)</source>
        <translation>Kodierer uneinig (%1)</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> vs. </translation>
    </message>
    <message>
        <source>model unsure: %1 %2 % or %3 %4 %</source>
        <translation>Modell unsicher: %1 %2 % oder %3 %4 %</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language applies from the next start.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ReconstructionView</name>
    <message>
        <source>Reconstructing frames %1–%2…</source>
        <translation>Frames %1–%2 werden rekonstruiert…</translation>
    </message>
    <message>
        <source>%1 % of the patches hidden; reconstruction loss %2 (1.0 = no better than guessing each hidden patch&apos;s average). The network predicts each hidden patch&apos;s pattern; its average colour and contrast are the true ones, as in MAE pictures.</source>
        <translation>%1 % der Patches verdeckt; Rekonstruktionsverlust %2 (1,0 = nicht besser, als den Mittelwert jedes verdeckten Patches zu raten). Das Netz sagt das Muster jedes verdeckten Patches vorher; mittlere Farbe und Kontrast sind die echten, wie in MAE-Bildern.</translation>
    </message>
    <message>
        <source>Cannot reconstruct: %1</source>
        <translation>Rekonstruktion nicht möglich: %1</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>maskiert</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>Rekonstruktion</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::ReportsController</name>
    <message>
        <source>Select a video first.</source>
        <translation>Wählen Sie zuerst ein Video aus.</translation>
    </message>
    <message>
        <source>Frames %1 to %2 (the selection)</source>
        <translation>Frames %1 bis %2 (die Auswahl)</translation>
    </message>
    <message>
        <source>The whole video</source>
        <translation>Das ganze Video</translation>
    </message>
    <message>
        <source>, per epoch of %1</source>
        <translation>, pro Epoche von %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;th align=left&gt;person&lt;/th&gt;&lt;th align=left&gt;rater&lt;/th&gt;&lt;th align=left&gt;emotion&lt;/th&gt;&lt;th&gt;time (s)&lt;/th&gt;&lt;th&gt;share&lt;/th&gt;&lt;th&gt;bouts&lt;/th&gt;&lt;th&gt;mean bout (s)&lt;/th&gt;&lt;th&gt;first at (s)&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;th align=left&gt;Person&lt;/th&gt;&lt;th align=left&gt;Rater&lt;/th&gt;&lt;th align=left&gt;Emotion&lt;/th&gt;&lt;th&gt;Zeit (s)&lt;/th&gt;&lt;th&gt;Anteil&lt;/th&gt;&lt;th&gt;Episoden&lt;/th&gt;&lt;th&gt;mittlere Episode (s)&lt;/th&gt;&lt;th&gt;zuerst bei (s)&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td colspan=8&gt;&lt;b&gt;%1&lt;/b&gt; (frames %2 to %3)&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td colspan=8&gt;&lt;b&gt;%1&lt;/b&gt; (Frames %2 bis %3)&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>%1 vs %2 over %3 frames rated by both
observed agreement %4
Cohen&apos;s kappa %5

specific agreement per class:</source>
        <translation>%1 vs. %2 über %3 von beiden bewertete Frames
beobachtete Übereinstimmung %4
Cohens Kappa %5

spezifische Übereinstimmung pro Klasse:</translation>
    </message>
    <message>
        <source>

specific agreement per class:</source>
        <translation>

spezifische Übereinstimmung pro Klasse:</translation>
    </message>
    <message>
        <source>
weighted kappa (quadratic) %1

specific agreement per class:</source>
        <translation>
gewichtetes Kappa (quadratisch) %1

spezifische Übereinstimmung pro Klasse:</translation>
    </message>
    <message>
        <source>

confusion (rows: %1, columns: %2):
</source>
        <translation>

Konfusionsmatrix (Zeilen: %1, Spalten: %2):
</translation>
    </message>
    <message>
        <source>

The model&apos;s %1 match no label of the scheme: %2 frames left out.</source>
        <translation>

Die Klassen %1 des Modells passen zu keinem Label des Schemas: %2 Frames ausgelassen.</translation>
    </message>
    <message>
        <source>Events written as annotations of &quot;%1&quot; (schemes Blinks and Smiles); the timeline shows them in its comparison row.
</source>
        <translation>Ereignisse als Annotationen von „%1“ geschrieben (Schemata Blinks und Smiles); die Zeitleiste zeigt sie in ihrer Vergleichszeile.
</translation>
    </message>
    <message>
        <source>
%1: %2 blinks</source>
        <translation>
%1: %2 Lidschläge</translation>
    </message>
    <message>
        <source> (%1 a minute)</source>
        <translation> (%1 pro Minute)</translation>
    </message>
    <message>
        <source>, eyes closed %1 times</source>
        <translation>, Augen %1-mal geschlossen</translation>
    </message>
    <message>
        <source>, %1 smiles (%2 Duchenne-like), %3 s smiling</source>
        <translation>, %1 Lächeln (%2 Duchenne-ähnlich), %3 s lächelnd</translation>
    </message>
    <message>
        <source>

These are heuristics over blendshape scores, not FACS coding (docs/action-units.md).</source>
        <translation>

Dies sind Heuristiken über Blendshape-Werte, keine FACS-Kodierung (docs/action-units.md).</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::RoutingMap</name>
    <message>
        <source>In UniLearn&apos;s last six blocks a router looks at every token (a 16×16 patch over two frames) and sends it to its top-k experts — small adapter networks — with a gate weight saying how much each expert&apos;s output counts. Each cell: the share of this clip&apos;s token assignments that went to an expert in a layer; hover for the mean gate weight.</source>
        <translation>In den letzten sechs Blöcken von UniLearn betrachtet ein Router jedes Token (ein 16×16-Patch über zwei Frames) und schickt es an seine Top-k-Experten — kleine Adapter-Netze — mit einem Gate-Gewicht, das angibt, wie viel die Ausgabe jedes Experten zählt. Jede Zelle: der Anteil der Token-Zuweisungen dieses Clips, der in einer Schicht an einen Experten ging; mit der Maus darüber das mittlere Gate-Gewicht.</translation>
    </message>
    <message>
        <source>Expert routing, frames %1–%2</source>
        <translation>Experten-Routing, Frames %1–%2</translation>
    </message>
    <message>
        <source>No clip window here: analyse with a UniLearn model to see its routing.</source>
        <translation>Hier kein Clip-Fenster: analysieren Sie mit einem UniLearn-Modell, um sein Routing zu sehen.</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>expert %1 in %2: %3% of the tokens, mean gate weight %4</source>
        <translation>Experte %1 in %2: %3% der Tokens, mittleres Gate-Gewicht %4</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::RoutingPanel</name>
    <message>
        <source>UniLearn cuts a clip into tokens (16×16-pixel patches over two frames: 10×10 per temporal slice, 8 slices). In each of its last six blocks a &lt;b&gt;router&lt;/b&gt; scores every token and sends it to its &lt;b&gt;top-k&lt;/b&gt; (here 2) &lt;b&gt;experts&lt;/b&gt;, small adapter networks next to the block&apos;s main MLP; the &lt;b&gt;gate weight&lt;/b&gt; says how much each chosen expert&apos;s output counts (a token&apos;s weights sum to 1). Experts that specialise — on face regions, on motion, on stills versus clips — show up as patterns below.</source>
        <translation>UniLearn zerlegt einen Clip in Tokens (16×16-Pixel-Patches über zwei Frames: 10×10 pro zeitlicher Scheibe, 8 Scheiben). In jedem seiner letzten sechs Blöcke bewertet ein &lt;b&gt;Router&lt;/b&gt; jedes Token und schickt es an seine &lt;b&gt;Top-k&lt;/b&gt; (hier 2) &lt;b&gt;Experten&lt;/b&gt;, kleine Adapter-Netze neben dem Haupt-MLP des Blocks; das &lt;b&gt;Gate-Gewicht&lt;/b&gt; sagt, wie viel die Ausgabe jedes gewählten Experten zählt (die Gewichte eines Tokens summieren sich zu 1). Experten, die sich spezialisieren — auf Gesichtsregionen, auf Bewegung, auf Standbilder gegenüber Clips —, zeigen sich unten als Muster.</translation>
    </message>
    <message>
        <source>Temporal slice: two frames of the 16</source>
        <translation>Zeitliche Scheibe: zwei Frames der 16</translation>
    </message>
    <message>
        <source>Animate</source>
        <translation>Animieren</translation>
    </message>
    <message>
        <source>by predicted class</source>
        <translation>nach vorhergesagter Klasse</translation>
    </message>
    <message>
        <source>by annotated class</source>
        <translation>nach annotierter Klasse</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Schicht:</translation>
    </message>
    <message>
        <source>Slice:</source>
        <translation>Scheibe:</translation>
    </message>
    <message>
        <source>Click a patch to see its experts in every layer; click an expert below the face to show only its tokens.</source>
        <translation>Klicken Sie auf einen Patch, um seine Experten in jeder Schicht zu sehen; klicken Sie auf einen Experten unter dem Gesicht, um nur seine Tokens zu zeigen.</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>On the face</source>
        <translation>Auf dem Gesicht</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>Über die Zeit</translation>
    </message>
    <message>
        <source>By emotion</source>
        <translation>Nach Emotion</translation>
    </message>
    <message>
        <source>Image vs clip</source>
        <translation>Bild vs. Clip</translation>
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
        <translation>Clip am Abspielkopf</translation>
    </message>
    <message>
        <source>Traced frames %1–%2 in %3 ms</source>
        <translation>Frames %1–%2 in %3 ms verfolgt</translation>
    </message>
    <message>
        <source>Cannot trace this clip: %1</source>
        <translation>Dieser Clip kann nicht verfolgt werden: %1</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Export numbers</source>
        <translation>Zahlen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>Tracing frames %1–%2…</source>
        <translation>Frames %1–%2 werden verfolgt…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not write the picture %1 (is the folder writable?)</source>
        <translation>Das Bild %1 konnte nicht geschrieben werden (ist der Ordner beschreibbar?)</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::SessionController</name>
    <message>
        <source>Open or create a project first (File › New project).</source>
        <translation>Öffnen oder erstellen Sie zuerst ein Projekt (Datei › Neues Projekt).</translation>
    </message>
    <message>
        <source>Not added:
%1</source>
        <translation>Nicht hinzugefügt:
%1</translation>
    </message>
    <message>
        <source>%1 is not the video this project analysed (its content differs); choose the original file</source>
        <translation>%1 ist nicht das Video, das dieses Projekt analysiert hat (der Inhalt unterscheidet sich); wählen Sie die Originaldatei</translation>
    </message>
    <message>
        <source>The project has no such video.</source>
        <translation>Das Projekt hat kein solches Video.</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::StatisticsChart</name>
    <message>
        <source>Nothing rated in this stretch: analyse the video or annotate it first.</source>
        <translation>In diesem Abschnitt ist nichts bewertet: analysieren oder annotieren Sie das Video zuerst.</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::TimelineView</name>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;&amp;#8943; confidence&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;&amp;#8943; Konfidenz&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;per frame: %1&lt;/span&gt;</source>
        <translation>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;pro Frame: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#aaa&apos;&gt;&amp;#9632;&lt;/span&gt;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;face small, turned or doubtful&lt;/span&gt;</source>
        <translation>&amp;nbsp;&amp;nbsp;&lt;span style=&apos;color:#aaa&apos;&gt;&amp;#9632;&lt;/span&gt;&amp;nbsp;&lt;span style=&apos;color:#777&apos;&gt;Gesicht klein, abgewandt oder unsicher erkannt&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No analysis yet: analyse this video to see its timeline.</source>
        <translation>Noch keine Analyse: analysieren Sie dieses Video, um seine Zeitleiste zu sehen.</translation>
    </message>
    <message>
        <source>UniLearn Studio timeline</source>
        <translation>UniLearn-Studio-Zeitleiste</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::TokenRoutingView</name>
    <message>
        <source>Patch row %1, column %2 of slice %3 (frames %4–%5):</source>
        <translation>Patch Zeile %1, Spalte %2 der Scheibe %3 (Frames %4–%5):</translation>
    </message>
    <message>
        <source>Patch row %1, column %2 of the still:</source>
        <translation>Patch Zeile %1, Spalte %2 des Standbilds:</translation>
    </message>
    <message>
        <source>block %1:</source>
        <translation>Block %1:</translation>
    </message>
    <message>
        <source>No clip traced yet.</source>
        <translation>Noch kein Clip verfolgt.</translation>
    </message>
    <message>
        <source>%1 · block %2 · slice %3/%4</source>
        <translation>%1 · Block %2 · Scheibe %3/%4</translation>
    </message>
    <message>
        <source>%1 · block %2</source>
        <translation>%1 · Block %2</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::TrainWizard</name>
    <message>
        <source>Fine-tune UniLearn on your labelled clips</source>
        <translation>UniLearn auf Ihre gelabelten Clips feinabstimmen</translation>
    </message>
    <message>
        <source>Which labels</source>
        <translation>Welche Labels</translation>
    </message>
    <message>
        <source>Segments you labelled become training clips (and some of their frames stills). The video must have been analysed, so that its faces are known.</source>
        <translation>Von Ihnen kodierte Segmente werden zu Trainingsclips (und einige ihrer Frames zu Standbildern). Das Video muss analysiert worden sein, damit seine Gesichter bekannt sind.</translation>
    </message>
    <message>
        <source>Label scheme:</source>
        <translation>Label-Schema:</translation>
    </message>
    <message>
        <source>Whose labels count:</source>
        <translation>Wessen Labels zählen:</translation>
    </message>
    <message>
        <source>No labels in this project yet: label segments of analysed people first (Annotate menu).</source>
        <translation>Noch keine Labels in diesem Projekt: kodieren Sie zuerst Segmente analysierter Personen (Menü Annotieren).</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <source>frames</source>
        <translation>Frames</translation>
    </message>
    <message>
        <source>Which model</source>
        <translation>Welches Modell</translation>
    </message>
    <message>
        <source>Start from a UniLearn model and choose how much of it to train.</source>
        <translation>Beginnen Sie mit einem UniLearn-Modell und wählen Sie, wie viel davon trainiert wird.</translation>
    </message>
    <message>
        <source>%1 (random weights)</source>
        <translation>%1 (zufällige Gewichte)</translation>
    </message>
    <message>
        <source>Experts, routers and heads (fast and small; backbone frozen)</source>
        <translation>Experten, Router und Köpfe (schnell und klein; Backbone eingefroren)</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Heads only</source>
        <translation>Nur die Köpfe</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>noch nicht gemessen</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>A model file: an authors&apos; checkpoint, one of ours, or the result of `unilearn pretrain`</source>
        <translation>Eine Modelldatei: ein Checkpoint der Autoren, eines unserer Modelle oder das Ergebnis von `unilearn pretrain`</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>Basismodell:</translation>
    </message>
    <message>
        <source>Train:</source>
        <translation>Trainieren:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Time per epoch:</source>
        <translation>Zeit pro Epoche:</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.pth *.pt)</source>
        <translation>Modelldateien (*.safetensors *.pth *.pt)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Quick: a first try in minutes. Standard: more epochs. Paper: the authors&apos; recipe (100 epochs, small learning rate; hours on a GPU).</source>
        <translation>Schnell: ein erster Versuch in Minuten. Standard: mehr Epochen. Paper: das Rezept der Autoren (100 Epochen, kleine Lernrate; Stunden auf einer GPU).</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>mixup / cutmix with label smoothing</source>
        <translation>Mixup / CutMix mit Label Smoothing</translation>
    </message>
    <message>
        <source>augmentations (RandAugment, crops, flips, erasing)</source>
        <translation>Augmentierungen (RandAugment, Ausschnitte, Spiegelungen, Löschen)</translation>
    </message>
    <message>
        <source>load-balancing loss (the paper&apos;s intent; the official code never adds it)</source>
        <translation>Load-Balancing-Verlust (die Absicht des Papers; der offizielle Code fügt ihn nie hinzu)</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Clips per batch:</source>
        <translation>Clips pro Batch:</translation>
    </message>
    <message>
        <source>Stills per batch:</source>
        <translation>Standbilder pro Batch:</translation>
    </message>
    <message>
        <source>Held out for validation (by person):</source>
        <translation>Zur Validierung zurückgehalten (nach Person):</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>validation WAR</source>
        <translation>Validierungs-WAR</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>Verlust pro Schritt</translation>
    </message>
    <message>
        <source>Accuracy per epoch</source>
        <translation>Genauigkeit pro Epoche</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop (keep the best epoch)</source>
        <translation>Stopp (beste Epoche behalten)</translation>
    </message>
    <message>
        <source>Report &gt;</source>
        <translation>Bericht &gt;</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>On the validation clips, held out from training (whole people where there are several).</source>
        <translation>Auf den Validierungsclips, die vom Training zurückgehalten wurden (ganze Personen, wo es mehrere gibt).</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>new model</source>
        <translation>neues Modell</translation>
    </message>
    <message>
        <source>base model</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Confusion (rows: labelled, columns: predicted)</source>
        <translation>Konfusion (Zeilen: kodiert, Spalten: vorhergesagt)</translation>
    </message>
    <message>
        <source>Recall per class</source>
        <translation>Recall pro Klasse</translation>
    </message>
    <message>
        <source>Name of the new model:</source>
        <translation>Name des neuen Modells:</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Stop the training? The best epoch so far is kept and the run can be resumed with `unilearn train`.</source>
        <translation>Training beenden? Die bisher beste Epoche wird behalten, und der Lauf kann mit `unilearn train` fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Training needs labelled segments of at least two classes.</source>
        <translation>Das Training braucht kodierte Segmente von mindestens zwei Klassen.</translation>
    </message>
    <message>
        <source>Name taken</source>
        <translation>Name vergeben</translation>
    </message>
    <message>
        <source>A model named %1 is in the project already: choose another name.</source>
        <translation>Ein Modell namens %1 ist bereits im Projekt: wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Could not save the model</source>
        <translation>Das Modell konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not write %1 (is the disk full?).</source>
        <translation>%1 konnte nicht geschrieben werden (ist der Datenträger voll?).</translation>
    </message>
    <message>
        <source>Could not add the model</source>
        <translation>Das Modell konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>measuring a few real training steps…</source>
        <translation>einige echte Trainingsschritte werden gemessen…</translation>
    </message>
    <message>
        <source>about %1 s per epoch (%2 clip steps at %3/s, %4 still steps at %5/s; %6 MB)</source>
        <translation>etwa %1 s pro Epoche (%2 Clip-Schritte zu %3/s, %4 Standbild-Schritte zu %5/s; %6 MB)</translation>
    </message>
    <message>
        <source>could not measure: %1</source>
        <translation>Messung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Reading the labelled faces…</source>
        <translation>Die gelabelten Gesichter werden gelesen…</translation>
    </message>
    <message>
        <source>Training on %1 clips and %2 stills; %3 validation clips.</source>
        <translation>Training mit %1 Clips und %2 Standbildern; %3 Validierungsclips.</translation>
    </message>
    <message>
        <source>epoch %1/%2, step %3/%4 · about %5 s left</source>
        <translation>Epoche %1/%2, Schritt %3/%4 · noch etwa %5 s</translation>
    </message>
    <message>
        <source>The base model cannot be compared class by class: %1</source>
        <translation>Das Basismodell kann nicht Klasse für Klasse verglichen werden: %1</translation>
    </message>
    <message>
        <source>The base model had random weights: nothing to compare with.</source>
        <translation>Das Basismodell hatte zufällige Gewichte: nichts zum Vergleichen.</translation>
    </message>
    <message>
        <source>Epoch %1: loss %2, validation %3%4</source>
        <translation>Epoche %1: Verlust %2, Validierung %3%4</translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation> (bisher beste)</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped; the best epoch so far (%1) is kept.</source>
        <translation>Beendet; die bisher beste Epoche (%1) wird behalten.</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended: nothing to keep.</source>
        <translation>Vor Ende der ersten Epoche beendet: nichts zu behalten.</translation>
    </message>
    <message>
        <source>Done: the best epoch was %1 (%2).</source>
        <translation>Fertig: die beste Epoche war %1 (%2).</translation>
    </message>
    <message>
        <source>No validation clips (hold out some people on the Settings page to see how the model does on faces it has not seen).</source>
        <translation>Keine Validierungsclips (halten Sie auf der Seite Einstellungen einige Personen zurück, um zu sehen, wie das Modell bei ungesehenen Gesichtern abschneidet).</translation>
    </message>
    <message>
        <source>There is no trained model to report on.</source>
        <translation>Es gibt kein trainiertes Modell für einen Bericht.</translation>
    </message>
    <message>
        <source>UAR / WAR</source>
        <translation>UAR / WAR</translation>
    </message>
    <message>
        <source>How much the expert routing changed on the validation clips (0 = same experts in the same proportions, 1 = entirely different):</source>
        <translation>Wie stark sich das Experten-Routing auf den Validierungsclips geändert hat (0 = dieselben Experten in denselben Anteilen, 1 = völlig anders):</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::VideoCanvas</name>
    <message>
        <source>emotions: UniLearn, clips of %1 s</source>
        <translation>Emotionen: UniLearn, Clips von %1 s</translation>
    </message>
    <message>
        <source>emotions: %1, per frame</source>
        <translation>Emotionen: %1, pro Frame</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::WebcamView</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Use a video file as a live source…</source>
        <translation>Video als Live-Quelle…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <source>Keep the video of the session in the project, to play and annotate it afterwards</source>
        <translation>Das Video der Sitzung im Projekt behalten, um es später abzuspielen und zu annotieren</translation>
    </message>
    <message>
        <source>Face movements</source>
        <translation>Gesichtsbewegungen</translation>
    </message>
    <message>
        <source>Landmarks and blendshapes per face: the mesh on the image and the AU-like scores of the face you click (else the largest) beside it (about 30 ms per face)</source>
        <translation>Landmarks und Blendshapes pro Gesicht: das Netz auf dem Bild und daneben die AU-ähnlichen Werte des angeklickten (sonst des größten) Gesichts (etwa 30 ms pro Gesicht)</translation>
    </message>
    <message>
        <source>Video as a live source</source>
        <translation>Video als Live-Quelle</translation>
    </message>
    <message>
        <source>No camera found. Connect one and reopen this view, or use a video file as a live source.</source>
        <translation>Keine Kamera gefunden. Schließen Sie eine an und öffnen Sie diese Ansicht erneut, oder verwenden Sie eine Videodatei als Live-Quelle.</translation>
    </message>
    <message>
        <source>Open or create a project first: live sessions are stored in it.</source>
        <translation>Öffnen oder erstellen Sie zuerst ein Projekt: Live-Sitzungen werden darin gespeichert.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Live: %1</source>
        <translation>Live: %1</translation>
    </message>
    <message>
        <source>The camera stopped delivering (%1); waiting for it to come back. Stop to end the session.</source>
        <translation>Die Kamera liefert keine Bilder mehr (%1); warte auf ihre Rückkehr. Stopp beendet die Sitzung.</translation>
    </message>
    <message>
        <source>face %1</source>
        <translation>Gesicht %1</translation>
    </message>
    <message>
        <source>Live session stored: %1 frames, %2 people (%3 frames dropped by the capture)</source>
        <translation>Live-Sitzung gespeichert: %1 Frames, %2 Personen (%3 Frames von der Aufnahme verworfen)</translation>
    </message>
</context>
<context>
    <name>unilearn::ui::Studio</name>
    <message>
        <source>Facial expressions in video: analyse, annotate and fine-tune UniLearn.</source>
        <translation>Gesichtsausdrücke in Videos: analysieren, annotieren und UniLearn feinabstimmen.</translation>
    </message>
    <message>
        <source>The project to open (created when missing).</source>
        <translation>Das zu öffnende Projekt (wird angelegt, falls es fehlt).</translation>
    </message>
    <message>
        <source>Videos to add to the project.</source>
        <translation>Videos, die dem Projekt hinzugefügt werden.</translation>
    </message>
</context>
</TS>
