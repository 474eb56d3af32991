// ELAN (EAF 3.0) export and import: schema validity, round trips, ELAN's own shapes, bad input.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "core/export/eaf.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

// Validates `xml` against the schema at `xsd`; returns the validator's messages ("" when valid).
std::string schemaErrors(const std::string& xml, const std::string& xsd) {
  std::string errors;
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd.c_str());
  xmlSchemaPtr schema = xmlSchemaParse(pc);
  xmlSchemaFreeParserCtxt(pc);
  if (!schema) return "schema '" + xsd + "' does not parse";
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(
      vc,
      [](void* ctx, xmlErrorPtr e) {
        if (e && e->message) *static_cast<std::string*>(ctx) += e->message;
      },
      &errors);
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "export.eaf", nullptr,
                                XML_PARSE_NONET);
  if (!doc) {
    errors += "not well-formed XML";
  } else {
    if (xmlSchemaValidateDoc(vc, doc) != 0 && errors.empty()) errors = "invalid";
    xmlFreeDoc(doc);
  }
  xmlSchemaFreeValidCtxt(vc);
  xmlSchemaFree(schema);
  return errors;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
    ++n;
  return n;
}

struct Session {
  std::unique_ptr<core::Project> p;
  int64_t media = 0, client = 0, other = 0;
};

// A 25 fps session with two people, model windows for both, and human annotations by two raters
// (one with a note, one on the whole video).
Session makeSession(const std::string& name) {
  Session s;
  s.p = core::Project::open(test::freshProjectPath(name));
  s.media =
      s.p->addMedia({0, "/data/lab/session 1.mp4", "h", 640, 480, 25, 1, 1, 12800, 10000, 250});
  s.client = s.p->track(s.media, 2);
  s.p->renameTrack(s.client, "Client <A> & co");
  s.other = s.p->track(s.media, 5);
  const int64_t model = s.p->addModel(
      {0, "tiny", R"({"video_classes":3,"video_class_names":["calm","joy","other"]})", "x", ""});
  const int64_t analysis = s.p->startAnalysis(s.media, model, "clip", "{}");
  const int tops[4] = {1, 1, 0, 2};
  for (int64_t track : {s.client, s.other})
    for (int i = 0; i < 4; ++i) {
      core::WindowPrediction w;
      w.analysis_id = analysis;
      w.track_id = track;
      w.start_frame = 16 * i;
      w.end_frame = 16 * i + 60;  // windows overlap: hop 16, span 61 frames
      w.start_ms = w.start_frame * 40;
      w.end_ms = w.end_frame * 40;
      w.probs = {0.2f, 0.7f, 0.1f};
      w.top_class = tops[i];
      w.confidence = 0.7;
      s.p->addWindow(w);
    }
  auto annotate = [&](std::optional<int64_t> track, int64_t f0, int64_t f1, const char* label,
                      const char* who, const char* note) {
    core::Annotation a;
    a.media_id = s.media;
    a.track_id = track;
    a.scheme = "DFEW-7";
    a.start_frame = f0;
    a.end_frame = f1;
    a.label = label;
    a.annotator = who;
    a.note = note;
    s.p->addAnnotation(a);
  };
  annotate(s.client, 0, 49, "Happy", "rater1", "");
  annotate(s.client, 50, 99, "Sad", "rater1", "cries \"quietly\"");
  annotate(s.client, 10, 60, "Surprise", "rater2", "");
  annotate(std::nullopt, 100, 249, "Neutral", "rater2", "");
  return s;
}

std::string exportOf(const core::Project& p, core::ExportOptions o = {}) {
  std::ostringstream out;
  core::exportEaf(p, out, o);
  return out.str();
}

}  // namespace

TEST(Eaf, ExportValidatesAgainstTheEafProfileSchema) {
  Session s = makeSession("eaf_schema.ulproj");
  const std::string eaf = exportOf(*s.p);
  EXPECT_EQ(schemaErrors(eaf, test::dataPath("eaf/eaf-3.0-profile.xsd")), "") << eaf;
  // The schema catches what ELAN would refuse: a tier naming a type that does not exist.
  std::string broken = eaf;
  broken.replace(broken.find("LINGUISTIC_TYPE_REF=\"emotion-model\""), 35,
                 "LINGUISTIC_TYPE_REF=\"no-such-type\"");
  EXPECT_NE(schemaErrors(broken, test::dataPath("eaf/eaf-3.0-profile.xsd")), "");
}

TEST(Eaf, ExportValidatesAgainstElansPublishedSchemaWhenPresent) {
  // ELAN's schema: from ../shared/data/eaf (a copy of the MPI's file), or where the variable says.
  std::string xsd = std::string(UNILEARN_SOURCE_DIR) + "/../shared/data/eaf/EAFv3.0.xsd";
  if (const char* env = std::getenv("UNILEARN_EAF_XSD")) xsd = env;
  if (!std::ifstream(xsd).good())
    GTEST_SKIP() << "ELAN's EAFv3.0.xsd is not available (not at " << xsd
                 << "; set UNILEARN_EAF_XSD)";
  Session s = makeSession("eaf_official.ulproj");
  EXPECT_EQ(schemaErrors(exportOf(*s.p), xsd), "");
}

TEST(Eaf, ExportHasTiersPerPersonVocabulariesAndMillisecondSlots) {
  Session s = makeSession("eaf_content.ulproj");
  core::ExportOptions o;
  o.document_dir = "/data/lab";
  const std::string eaf = exportOf(*s.p, o);
  EXPECT_NE(eaf.find("MEDIA_URL=\"file:///data/lab/session%201.mp4\""), std::string::npos);
  EXPECT_NE(eaf.find("RELATIVE_MEDIA_URL=\"./session 1.mp4\""), std::string::npos);
  EXPECT_NE(eaf.find("MIME_TYPE=\"video/mp4\""), std::string::npos);
  // Model tiers: one per person; windows 0-1 (joy) merged, cut where calm begins (frame 32).
  EXPECT_NE(eaf.find("TIER_ID=\"model - Client &lt;A&gt; &amp; co\""), std::string::npos);
  EXPECT_NE(eaf.find("TIER_ID=\"model - face 5\""), std::string::npos);
  EXPECT_EQ(count(eaf, "ANNOTATOR=\"model:tiny\""), 2u);
  EXPECT_NE(eaf.find("TIME_VALUE=\"1280\""), std::string::npos);  // frame 32 at 25 fps
  // Human tiers: one per person and annotator, plus a notes tier for rater1.
  EXPECT_NE(eaf.find("TIER_ID=\"rater1 - Client &lt;A&gt; &amp; co\""), std::string::npos);
  EXPECT_NE(eaf.find("TIER_ID=\"rater2 - Client &lt;A&gt; &amp; co\""), std::string::npos);
  EXPECT_NE(eaf.find("TIER_ID=\"rater2 - whole video\""), std::string::npos);
  EXPECT_NE(eaf.find("TIER_ID=\"rater1 - Client &lt;A&gt; &amp; co notes\""), std::string::npos);
  EXPECT_NE(eaf.find("cries &quot;quietly&quot;"), std::string::npos);
  EXPECT_NE(eaf.find("TIME_VALUE=\"4000\""), std::string::npos);   // end of frame 99
  EXPECT_NE(eaf.find("TIME_VALUE=\"10000\""), std::string::npos);  // end of frame 249
  // Vocabularies: the model's classes and the scheme's labels.
  EXPECT_NE(eaf.find("CV_ID=\"model-classes\""), std::string::npos);
  EXPECT_NE(eaf.find("CV_ID=\"DFEW-7\""), std::string::npos);
  EXPECT_EQ(count(eaf, "<CV_ENTRY_ML "), 3u + 7u);
  EXPECT_EQ(count(eaf, "<TIME_SLOT "), 2 * (count(eaf, "<ALIGNABLE_ANNOTATION ")));
}

TEST(Eaf, OurExportImportsBackAsTheSameAnnotations) {
  Session s = makeSession("eaf_out.ulproj");
  const std::string path = test::tempPath("roundtrip.eaf");
  std::ofstream(path) << exportOf(*s.p);
  auto q = core::Project::open(test::freshProjectPath("eaf_in.ulproj"));
  const int64_t media = q->addMedia({0, "/elsewhere/session 1.mp4", "h", 640, 480, 25, 1});
  const int64_t client = q->track(media, 2);
  q->renameTrack(client, "Client <A> & co");
  const auto report = core::importEaf(*q, path, "");
  EXPECT_EQ(report.imported, 4);  // the model's tiers are not human annotations
  EXPECT_TRUE(report.skipped.empty()) << report.skipped.front();
  auto got = q->annotations(media);
  auto want = s.p->annotations(s.media);
  ASSERT_EQ(got.size(), want.size());
  auto key = [](const core::Annotation& a) {
    return a.annotator + "|" + a.label + "|" + std::to_string(a.start_frame) + "|" +
           std::to_string(a.end_frame) + "|" + a.note + "|" + (a.track_id ? "t" : "whole");
  };
  std::multiset<std::string> g, w;
  for (const auto& a : got)
    g.insert(key(a));
  for (const auto& a : want)
    w.insert(key(a));
  EXPECT_EQ(g, w);
}

TEST(Eaf, ImportsElansOwnShapesAndReportsWhatDoesNotMap) {
  auto q = core::Project::open(test::freshProjectPath("eaf_elan.ulproj"));
  const int64_t media = q->addMedia({0, "/mnt/share/session.mp4", "h", 640, 480, 25, 1});
  const int64_t client = q->track(media, 2);
  q->renameTrack(client, "Client, A");
  const auto report = core::importEaf(*q, test::dataPath("eaf/elan_session.eaf"), "lead");
  EXPECT_EQ(report.imported, 4);
  ASSERT_EQ(report.skipped.size(), 3u);
  EXPECT_NE(report.skipped[0].find("a3"), std::string::npos) << report.skipped[0];
  EXPECT_NE(report.skipped[0].find("no time"), std::string::npos);
  std::string all;
  for (const auto& s : report.skipped)
    all += s + "\n";
  EXPECT_NE(all.find("label 'Bored' is not in the scheme DFEW-7"), std::string::npos) << all;
  EXPECT_NE(all.find("no face track 'Therapist'"), std::string::npos) << all;
  std::map<std::string, core::Annotation> by;
  for (const auto& a : q->annotations(media))
    by[a.annotator + ":" + a.label] = a;
  ASSERT_EQ(by.size(), 4u);
  // A controlled-vocabulary reference wins over the (German) value shown in ELAN.
  EXPECT_EQ(by["rater2:Happy"].start_frame, 0);
  EXPECT_EQ(by["rater2:Happy"].end_frame, 49);
  EXPECT_EQ(by["rater2:Happy"].track_id, client);
  // Case differences map to the scheme's spelling; a notes tier becomes the note.
  EXPECT_EQ(by["rater2:Sad"].start_frame, 50);
  EXPECT_EQ(by["rater2:Sad"].end_frame, 99);
  EXPECT_EQ(by["rater2:Sad"].note, "looks away & sighs");
  // A dependent label tier takes its parent's times.
  EXPECT_EQ(by["rater3:Surprise"].end_frame, 49);
  // No participant: the whole video; no ANNOTATOR: the --annotator name.
  EXPECT_FALSE(by["lead:Fear"].track_id.has_value());
  EXPECT_EQ(by["lead:Fear"].start_frame, 175);
  EXPECT_EQ(by["lead:Fear"].end_frame, 199);
}

TEST(Eaf, BadInputGivesErrorsAPersonCanActOn) {
  Session s = makeSession("eaf_bad.ulproj");
  auto expectError = [&](const std::string& text, Error::Kind kind, const std::string& words) {
    const std::string path = test::tempPath("bad.eaf");
    std::ofstream(path) << text;
    try {
      core::importEaf(*s.p, path, "x");
      ADD_FAILURE() << "no error for: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), kind) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  expectError("<ANNOTATION_DOCUMENT><HEADER>", Error::Kind::kFormat, "not a well-formed XML");
  expectError("<TEI/>", Error::Kind::kFormat, "not an ELAN document");
  expectError(
      "<ANNOTATION_DOCUMENT><HEADER><MEDIA_DESCRIPTOR MEDIA_URL=\"file:///x/other.mp4\"/>"
      "</HEADER></ANNOTATION_DOCUMENT>",
      Error::Kind::kArgument, "'other.mp4', which is not in the project");
  expectError(
      "<ANNOTATION_DOCUMENT><HEADER><MEDIA_DESCRIPTOR MEDIA_URL=\"file:///x/session%201.mp4\" "
      "RELATIVE_MEDIA_URL=\"./session 1.mp4\"/></HEADER><TIME_ORDER><TIME_SLOT "
      "TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"1.5s\"/></TIME_ORDER></ANNOTATION_DOCUMENT>",
      Error::Kind::kFormat, "not milliseconds");
  try {
    core::importEaf(*s.p, "/nonexistent/file.eaf", "x");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kIo);
  }
  // A document declaring entities (an external file, or one internal entity repeated to blow a
  // few hundred KB up into gigabytes) is refused before anything is read from it.
  const std::string xxe = test::tempPath("xxe.eaf");
  std::ofstream(xxe) << "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
                        "\"file:///etc/passwd\">]><ANNOTATION_DOCUMENT><HEADER>"
                        "<MEDIA_DESCRIPTOR RELATIVE_MEDIA_URL=\"./session 1.mp4\"/></HEADER>"
                        "<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"t1\" TIME_VALUE=\"0\"/><TIME_SLOT "
                        "TIME_SLOT_ID=\"t2\" TIME_VALUE=\"400\"/></TIME_ORDER><TIER TIER_ID=\"t\" "
                        "LINGUISTIC_TYPE_REF=\"x\"><ANNOTATION><ALIGNABLE_ANNOTATION "
                        "ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"t1\" TIME_SLOT_REF2=\"t2\">"
                        "<ANNOTATION_VALUE>&x;</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION>"
                        "</ANNOTATION></TIER></ANNOTATION_DOCUMENT>";
  const size_t before = s.p->annotations(s.media).size();
  EXPECT_THROW(core::importEaf(*s.p, xxe, "x"), Error);
  std::string laughs = test::fileBytes(xxe);
  laughs.replace(laughs.find("SYSTEM \"file:///etc/passwd\""), 27,
                 "\"" + std::string(1000, 'a') + "\"");
  laughs.replace(laughs.find("&x;"), 3, [] {
    std::string many;
    for (int i = 0; i < 10000; ++i)
      many += "&x;";
    return many;
  }());
  std::ofstream(xxe) << laughs;
  try {
    core::importEaf(*s.p, xxe, "x");
    ADD_FAILURE() << "entity expansion was not refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("declares XML entities"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.p->annotations(s.media).size(), before);
  // An annotation that ends before it starts is reported, not stored as one frame.
  const std::string backwards = test::tempPath("backwards.eaf");
  std::ofstream(backwards)
      << "<ANNOTATION_DOCUMENT><HEADER><MEDIA_DESCRIPTOR RELATIVE_MEDIA_URL=\"./session 1.mp4\"/>"
         "</HEADER><TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"t1\" TIME_VALUE=\"800\"/><TIME_SLOT "
         "TIME_SLOT_ID=\"t2\" TIME_VALUE=\"400\"/></TIME_ORDER><TIER TIER_ID=\"t\" "
         "LINGUISTIC_TYPE_REF=\"x\"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" "
         "TIME_SLOT_REF1=\"t1\" TIME_SLOT_REF2=\"t2\"><ANNOTATION_VALUE>Happy</ANNOTATION_VALUE>"
         "</ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>";
  const auto report = core::importEaf(*s.p, backwards, "x");
  EXPECT_EQ(report.imported, 0);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].find("ends (400 ms) before it starts (800 ms)"), std::string::npos)
      << report.skipped[0];
  // A project with several videos needs --video for ELAN, which describes one.
  s.p->addMedia({0, "/data/lab/session 2.mp4", "h2", 640, 480, 25, 1});
  std::ostringstream out;
  try {
    core::exportEaf(*s.p, out, {});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("choose it with --video"), std::string::npos);
  }
  core::ExportOptions one;
  one.video = "session 2.mp4";
  EXPECT_EQ(schemaErrors(exportOf(*s.p, one), test::dataPath("eaf/eaf-3.0-profile.xsd")), "");
}

// A colleague's document names the client "Client <A> & co"; here the same person is "face 2".
// Without a mapping nothing of theirs lands (each row says why, the name is reported once);
// a dry run changes nothing; with the mapping every row lands; "" leaves a person out.
TEST(Eaf, AParticipantMappingPutsAColleaguesPeopleOntoOurs) {
  Session s = makeSession("eaf_mapping_src.ulproj");
  const std::string path = test::tempPath("colleague.eaf");
  std::ofstream(path) << exportOf(*s.p);
  auto q = core::Project::open(test::freshProjectPath("eaf_mapping_dst.ulproj"));
  const int64_t media =
      q->addMedia({0, "/mnt/share/session 1.mp4", "h", 640, 480, 25, 1, 1, 12800, 10000, 250});
  q->track(media, 2);  // unnamed: "face 2"
  core::ImportOptions o;
  o.annotator = "x";
  o.dry_run = true;
  auto r = core::importEaf(*q, path, o);
  EXPECT_EQ(r.imported, 1);  // the whole-video annotation only
  EXPECT_EQ(r.unmatched_subjects, std::vector<std::string>{"Client <A> & co"});
  EXPECT_TRUE(q->annotations(media).empty());  // a dry run
  o.dry_run = false;
  o.subjects = {{"Client <A> & co", "face 2"}};
  r = core::importEaf(*q, path, o);
  EXPECT_EQ(r.imported, 4);
  EXPECT_TRUE(r.unmatched_subjects.empty());
  const auto anns = q->annotations(media);
  EXPECT_EQ(std::count_if(anns.begin(), anns.end(),
                          [](const core::Annotation& a) { return a.track_id.has_value(); }),
            3);
  auto fresh = core::Project::open(test::freshProjectPath("eaf_mapping_out.ulproj"));
  fresh->addMedia({0, "/mnt/share/session 1.mp4", "h", 640, 480, 25, 1, 1, 12800, 10000, 250});
  o.subjects = {{"Client <A> & co", ""}};
  r = core::importEaf(*fresh, path, o);
  EXPECT_EQ(r.imported, 1);
  ASSERT_FALSE(r.skipped.empty());
  EXPECT_NE(r.skipped.back().find("left out by the participant mapping"), std::string::npos);
}
