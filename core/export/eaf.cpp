#include "core/export/eaf.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/export/export_util.h"
#include "core/export/import_rows.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/text.h"

namespace unilearn::core {
namespace {

// ---------------------------------------------------------------------------------------------
// Writing

// XML 1.0 text: markup characters escaped, control characters it cannot carry dropped.
std::string xmlText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

// An xsd:NCName-safe id part: letters, digits, '-', '_', '.'; anything else becomes '_'.
std::string idPart(const std::string& s) {
  std::string out;
  for (char ch : s)
    out += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.' ? ch : '_';
  return out;
}

// file:// URL of a path (made absolute), percent-encoding what a URI may not hold.
std::string fileUrl(const std::string& relative_or_absolute) {
  static const char* kHex = "0123456789ABCDEF";
  const std::string path = std::filesystem::absolute(relative_or_absolute).lexically_normal();
  std::string url = "file://";
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::string("/-._~").find(ch) != std::string::npos) {
      url += ch;
    } else {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 15];
    }
  }
  return url;
}

std::string mimeType(const std::string& path) {
  const std::string ext = lowerAscii(path.substr(path.find_last_of('.') + 1));
  if (ext == "mp4" || ext == "m4v") return "video/mp4";
  if (ext == "mov") return "video/quicktime";
  if (ext == "mpg" || ext == "mpeg") return "video/mpeg";
  if (ext == "wav") return "audio/x-wav";
  return "video/*";  // ELAN's own value for other video files
}

double framesPerSecond(const MediaRecord& m) {
  return m.fps_num > 0 && m.fps_den > 0
             ? static_cast<double>(m.fps_num) / static_cast<double>(m.fps_den)
             : 25.0;
}

int64_t frameMs(const MediaRecord& m, int64_t frame) {
  return std::llround(static_cast<double>(frame) * 1000.0 / framesPerSecond(m));
}

struct Segment {
  int64_t start_ms = 0, end_ms = 0;
  std::string value, note;
};

struct Tier {
  std::string id, participant, annotator, type;
  std::vector<Segment> segments;
};

// Within a tier ELAN allows no overlap: each segment ends where the next begins at the latest.
void removeOverlaps(std::vector<Segment>& segs) {
  std::stable_sort(segs.begin(), segs.end(),
                   [](const Segment& a, const Segment& b) { return a.start_ms < b.start_ms; });
  for (size_t i = 0; i + 1 < segs.size(); ++i)
    segs[i].end_ms = std::min(segs[i].end_ms, segs[i + 1].start_ms);
  segs.erase(std::remove_if(segs.begin(), segs.end(),
                            [](const Segment& s) { return s.end_ms <= s.start_ms; }),
             segs.end());
}

// The model's tier of one track: runs of windows with the same top class, cut where the next run
// begins.
std::vector<Segment> modelSegments(const MediaRecord& m, const std::vector<WindowPrediction>& ws,
                                   const std::vector<std::string>& names) {
  std::vector<Segment> segs;
  for (const auto& w : ws) {
    const std::string label = detail::className(names, w.top_class);
    const int64_t end = frameMs(m, w.end_frame + 1);
    if (!segs.empty() && segs.back().value == label && w.start_ms <= segs.back().end_ms) {
      segs.back().end_ms = std::max(segs.back().end_ms, end);
      continue;
    }
    if (!segs.empty()) segs.back().end_ms = std::min(segs.back().end_ms, w.start_ms);
    segs.push_back({w.start_ms, end, label, ""});
  }
  removeOverlaps(segs);
  return segs;
}

struct Vocabulary {
  std::string id, description;
  std::vector<std::string> values;
};

const char* kModelType = "emotion-model";
const char* kNoteType = "note";

}  // namespace

void exportEaf(const Project& p, std::ostream& out, const ExportOptions& o) {
  const auto media = detail::selectedMedia(p, o);
  if (media.empty())
    throw Error(Error::Kind::kArgument, "project '" + p.path() + "' holds no video to export");
  if (media.size() > 1) {
    std::string names;
    for (const auto& m : media)
      names += (names.empty() ? "" : ", ") + fileName(m.path);
    throw Error(Error::Kind::kArgument,
                "an ELAN document describes one video; choose it with --video (" + names + ")");
  }
  const MediaRecord& m = media.front();
  std::map<int64_t, TrackRecord> tracks;
  for (const auto& t : p.tracks(m.id))
    tracks[t.id] = t;

  std::vector<Tier> tiers;
  std::vector<Vocabulary> vocabularies;
  std::string model_name;
  // The model: the latest clip analysis of this video, one tier per person.
  std::optional<AnalysisRecord> clip;
  for (const auto& a : p.analyses(m.id))
    if (a.kind == "clip") clip = a;
  if (clip) {
    const auto names = detail::classNames(p, *clip);
    if (clip->model_id)
      if (auto rec = p.model(*clip->model_id)) model_name = rec->name;
    vocabularies.push_back({"model-classes", "classes of the model " + model_name, names});
    std::map<int64_t, std::vector<WindowPrediction>> per_track;
    for (auto& w : p.windows(clip->id))
      per_track[w.track_id].push_back(std::move(w));
    for (const auto& [track_id, ws] : per_track) {
      const std::string who = personName(tracks[track_id]);
      tiers.push_back(
          {"model - " + who, who, "model:" + model_name, kModelType, modelSegments(m, ws, names)});
    }
  }
  // Human annotations (and derived events): one tier per person, annotator and scheme; the
  // scheme joins the tier's name when an annotator used several for one person.
  std::map<std::tuple<std::string, std::string, std::string>, Tier> human;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> schemes_of;
  std::set<std::string> schemes;
  const auto rows = p.annotations(m.id);
  auto subject = [&](const Annotation& a) {
    return a.track_id ? personName(tracks[*a.track_id]) : std::string("whole video");
  };
  for (const auto& a : rows)
    schemes_of[{subject(a), a.annotator}].insert(a.scheme);
  for (const auto& a : rows) {
    const std::string who = subject(a);
    Tier& t = human[{who, a.annotator, a.scheme}];
    if (t.id.empty()) {
      std::string id = a.annotator + " - " + who;
      if (schemes_of[{who, a.annotator}].size() > 1) id += " - " + a.scheme;
      t = {id, who, a.annotator, "emotion-" + a.scheme, {}};
    }
    t.segments.push_back({frameMs(m, a.start_frame), frameMs(m, a.end_frame + 1), a.label, a.note});
    schemes.insert(a.scheme);
  }
  for (const auto& s : schemes)
    vocabularies.push_back({s, "annotation scheme " + s, p.schemeLabels(s)});
  for (auto& [key, t] : human) {
    removeOverlaps(t.segments);
    tiers.push_back(std::move(t));
  }

  // Time slots, ordered by time as ELAN writes them.
  std::vector<std::pair<int64_t, std::pair<size_t, size_t>>> slots;  // time, (tier, segment*2+end)
  for (size_t t = 0; t < tiers.size(); ++t)
    for (size_t s = 0; s < tiers[t].segments.size(); ++s) {
      slots.push_back({tiers[t].segments[s].start_ms, {t, 2 * s}});
      slots.push_back({tiers[t].segments[s].end_ms, {t, 2 * s + 1}});
    }
  std::stable_sort(slots.begin(), slots.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<std::pair<size_t, size_t>, size_t> slot_of;
  for (size_t i = 0; i < slots.size(); ++i)
    slot_of[slots[i].second] = i + 1;
  size_t annotations = 0;
  for (const auto& t : tiers)
    for (const auto& s : t.segments)
      annotations += s.note.empty() ? 1 : 2;

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<ANNOTATION_DOCUMENT AUTHOR=\"UniLearn Studio\" DATE=\""
      << nowText("%Y-%m-%dT%H:%M:%SZ", TimeZone::kUtc)
      << "\" FORMAT=\"3.0\" VERSION=\"3.0\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">\n"
      << "    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n"
      << "        <MEDIA_DESCRIPTOR MEDIA_URL=\"" << xmlText(fileUrl(m.path)) << "\" MIME_TYPE=\""
      << mimeType(m.path) << '"';
  if (!o.document_dir.empty()) {
    const std::string dir = o.document_dir.back() == '/' ? o.document_dir : o.document_dir + "/";
    if (m.path.rfind(dir, 0) == 0)
      out << " RELATIVE_MEDIA_URL=\"./" << xmlText(m.path.substr(dir.size())) << '"';
  }
  out << "/>\n"
      << "        <PROPERTY NAME=\"lastUsedAnnotationId\">" << annotations << "</PROPERTY>\n"
      << "    </HEADER>\n    <TIME_ORDER>\n";
  for (size_t i = 0; i < slots.size(); ++i)
    out << "        <TIME_SLOT TIME_SLOT_ID=\"ts" << i + 1 << "\" TIME_VALUE=\"" << slots[i].first
        << "\"/>\n";
  out << "    </TIME_ORDER>\n";
  size_t next_id = 1;
  bool any_notes = false;
  for (size_t t = 0; t < tiers.size(); ++t) {
    const Tier& tier = tiers[t];
    std::vector<size_t> ids;
    out << "    <TIER LINGUISTIC_TYPE_REF=\"" << xmlText(tier.type) << "\" PARTICIPANT=\""
        << xmlText(tier.participant) << "\" ANNOTATOR=\"" << xmlText(tier.annotator)
        << "\" TIER_ID=\"" << xmlText(tier.id) << "\">\n";
    const Vocabulary* cv = nullptr;
    for (const auto& v : vocabularies)
      if ((tier.type == kModelType && v.id == "model-classes") || tier.type == "emotion-" + v.id)
        cv = &v;
    for (size_t s = 0; s < tier.segments.size(); ++s) {
      const Segment& seg = tier.segments[s];
      ids.push_back(next_id);
      out << "        <ANNOTATION>\n            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a"
          << next_id++ << "\" TIME_SLOT_REF1=\"ts" << slot_of[{t, 2 * s}]
          << "\" TIME_SLOT_REF2=\"ts" << slot_of[{t, 2 * s + 1}] << '"';
      if (cv) {
        auto it = std::find(cv->values.begin(), cv->values.end(), seg.value);
        if (it != cv->values.end())
          out << " CVE_REF=\"cve-" << idPart(cv->id) << '-' << (it - cv->values.begin()) << '"';
      }
      out << ">\n                <ANNOTATION_VALUE>" << xmlText(seg.value)
          << "</ANNOTATION_VALUE>\n            </ALIGNABLE_ANNOTATION>\n        </ANNOTATION>\n";
    }
    out << "    </TIER>\n";
    // Notes ride on a dependent tier, one note per annotation it explains.
    const bool notes = std::any_of(tier.segments.begin(), tier.segments.end(),
                                   [](const Segment& s) { return !s.note.empty(); });
    if (!notes) continue;
    any_notes = true;
    out << "    <TIER LINGUISTIC_TYPE_REF=\"" << kNoteType << "\" PARENT_REF=\"" << xmlText(tier.id)
        << "\" PARTICIPANT=\"" << xmlText(tier.participant) << "\" ANNOTATOR=\""
        << xmlText(tier.annotator) << "\" TIER_ID=\"" << xmlText(tier.id + " notes") << "\">\n";
    for (size_t s = 0; s < tier.segments.size(); ++s) {
      if (tier.segments[s].note.empty()) continue;
      out << "        <ANNOTATION>\n            <REF_ANNOTATION ANNOTATION_ID=\"a" << next_id++
          << "\" ANNOTATION_REF=\"a" << ids[s] << "\">\n                <ANNOTATION_VALUE>"
          << xmlText(tier.segments[s].note)
          << "</ANNOTATION_VALUE>\n            </REF_ANNOTATION>\n        </ANNOTATION>\n";
    }
    out << "    </TIER>\n";
  }
  for (const auto& v : vocabularies)
    out << "    <LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF=\"" << xmlText(v.id)
        << "\" GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\""
        << (v.id == "model-classes" ? std::string(kModelType) : xmlText("emotion-" + v.id))
        << "\" TIME_ALIGNABLE=\"true\"/>\n";
  if (any_notes)
    out << "    <LINGUISTIC_TYPE CONSTRAINTS=\"Symbolic_Association\" GRAPHIC_REFERENCES=\"false\" "
           "LINGUISTIC_TYPE_ID=\""
        << kNoteType << "\" TIME_ALIGNABLE=\"false\"/>\n";
  out << "    <LANGUAGE LANG_DEF=\"http://cdb.iso.org/lg/CDB-00130975-001\" LANG_ID=\"eng\" "
         "LANG_LABEL=\"English (eng)\"/>\n";
  if (any_notes)
    out << "    <CONSTRAINT DESCRIPTION=\"1-1 association with a parent annotation\" "
           "STEREOTYPE=\"Symbolic_Association\"/>\n";
  for (const auto& v : vocabularies) {
    out << "    <CONTROLLED_VOCABULARY CV_ID=\"" << xmlText(v.id) << "\">\n"
        << "        <DESCRIPTION LANG_REF=\"eng\">" << xmlText(v.description) << "</DESCRIPTION>\n";
    for (size_t i = 0; i < v.values.size(); ++i)
      out << "        <CV_ENTRY_ML CVE_ID=\"cve-" << idPart(v.id) << '-' << i
          << "\">\n            <CVE_VALUE LANG_REF=\"eng\">" << xmlText(v.values[i])
          << "</CVE_VALUE>\n        </CV_ENTRY_ML>\n";
    out << "    </CONTROLLED_VOCABULARY>\n";
  }
  out << "</ANNOTATION_DOCUMENT>\n";
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

std::string attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string text(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

// A URL's path with %XX escapes decoded (ELAN writes MEDIA_URL percent-encoded).
std::string urlDecoded(const std::string& url) {
  std::string out;
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size() &&
        std::isxdigit(static_cast<unsigned char>(url[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
      out += static_cast<char>(std::stoi(url.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += url[i];
    }
  }
  return out;
}

bool is(xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE &&
         xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::vector<xmlNode*> children(xmlNode* n, const char* name) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = n->children; c; c = c->next)
    if (is(c, name)) out.push_back(c);
  return out;
}

struct Doc {
  xmlDoc* doc = nullptr;
  ~Doc() {
    if (doc) xmlFreeDoc(doc);
  }
};

struct ReadAnnotation {
  std::string id, tier, value, cve_ref, ref;  // ref: parent annotation (REF_ANNOTATION)
  std::optional<int64_t> start_ms, end_ms;
};

}  // namespace

ImportReport importEaf(Project& p, const std::string& path, const std::string& annotator,
                       const std::string& scheme) {
  return importEaf(p, path, importOptions(annotator, scheme));
}

ImportReport importEaf(Project& p, const std::string& path, const ImportOptions& o) {
  const std::string& annotator = o.annotator;
  Doc d;
  // No network, no entity expansion: an annotation file cannot reach out or blow up.
  d.doc =
      xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!d.doc) {
    const xmlError* e = xmlGetLastError();
    std::string why = e && e->message ? e->message : "unreadable";
    while (!why.empty() && why.back() == '\n')
      why.pop_back();
    if (FILE* f = std::fopen(path.c_str(), "rb"))
      std::fclose(f);
    else
      throw Error(Error::Kind::kIo, "cannot open '" + path + "'");
    throw Error(Error::Kind::kFormat,
                "'" + path + "' is not a well-formed XML document (" + why + ")");
  }
  // Entities are never substituted, but reading a node's text expands references to them: a
  // note repeating one entity grew a 209 KB file into 500 million characters. ELAN never
  // declares entities, so a document that does is refused.
  if (d.doc->intSubset && d.doc->intSubset->entities)
    throw Error(Error::Kind::kFormat, "'" + path +
                                          "' declares XML entities of its own, which ELAN never "
                                          "writes; it was not read");
  xmlNode* root = xmlDocGetRootElement(d.doc);
  if (!root || !is(root, "ANNOTATION_DOCUMENT"))
    throw Error(Error::Kind::kFormat,
                "'" + path + "' is not an ELAN document (no ANNOTATION_DOCUMENT)");

  // The video: the first media descriptor whose file is in the project.
  std::string video;
  const auto media = p.media();
  for (xmlNode* h : children(root, "HEADER"))
    for (xmlNode* md : children(h, "MEDIA_DESCRIPTOR"))
      for (const char* a : {"MEDIA_URL", "RELATIVE_MEDIA_URL"}) {
        const std::string name = fileName(urlDecoded(attr(md, a)));
        for (const auto& m : media)
          if (video.empty() && !name.empty() && fileName(m.path) == name) video = m.path;
      }
  if (video.empty()) {
    std::string linked;
    for (xmlNode* h : children(root, "HEADER"))
      for (xmlNode* md : children(h, "MEDIA_DESCRIPTOR"))
        linked += (linked.empty() ? "" : ", ") + fileName(urlDecoded(attr(md, "MEDIA_URL")));
    throw Error(Error::Kind::kArgument, "'" + path + "' links " +
                                            (linked.empty() ? "no video" : "'" + linked + "'") +
                                            ", which is not in the project; add the video first");
  }
  const MediaRecord& m = *std::find_if(media.begin(), media.end(),
                                       [&](const MediaRecord& x) { return x.path == video; });
  const double fps = framesPerSecond(m);

  std::map<std::string, int64_t> slot_ms;
  for (xmlNode* order : children(root, "TIME_ORDER"))
    for (xmlNode* s : children(order, "TIME_SLOT")) {
      const std::string v = attr(s, "TIME_VALUE");
      if (v.empty()) continue;  // an unaligned slot
      if (v.find_first_not_of("0123456789") != std::string::npos || v.size() > 15)
        throw Error(Error::Kind::kFormat, "'" + path + "': time slot '" + attr(s, "TIME_SLOT_ID") +
                                              "' has the time value '" + v + "', not milliseconds");
      slot_ms[attr(s, "TIME_SLOT_ID")] = std::stoll(v);
    }
  std::map<std::string, std::string> cv_of_type;  // linguistic type -> controlled vocabulary
  for (xmlNode* t : children(root, "LINGUISTIC_TYPE"))
    cv_of_type[attr(t, "LINGUISTIC_TYPE_ID")] = attr(t, "CONTROLLED_VOCABULARY_REF");
  std::map<std::string, std::string> cve_value;  // CVE_ID -> value (English first)
  for (xmlNode* cv : children(root, "CONTROLLED_VOCABULARY")) {
    for (xmlNode* e : children(cv, "CV_ENTRY_ML")) {
      std::string value;
      for (xmlNode* v : children(e, "CVE_VALUE"))
        if (value.empty() || attr(v, "LANG_REF") == "eng") value = text(v);
      cve_value[attr(e, "CVE_ID")] = value;
    }
    for (xmlNode* e : children(cv, "CV_ENTRY"))  // EAF before 2.8
      cve_value[attr(e, "CVE_ID")] = text(e);
  }

  struct TierInfo {
    std::string id, participant, annotator, type, parent;
  };
  std::map<std::string, TierInfo> tiers;
  std::vector<ReadAnnotation> anns;
  std::map<std::string, size_t> ann_index;
  for (xmlNode* t : children(root, "TIER")) {
    TierInfo info{attr(t, "TIER_ID"), attr(t, "PARTICIPANT"), attr(t, "ANNOTATOR"),
                  attr(t, "LINGUISTIC_TYPE_REF"), attr(t, "PARENT_REF")};
    tiers[info.id] = info;
    for (xmlNode* a : children(t, "ANNOTATION"))
      for (xmlNode* x = a->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        ReadAnnotation r;
        r.id = attr(x, "ANNOTATION_ID");
        r.tier = info.id;
        r.cve_ref = attr(x, "CVE_REF");
        for (xmlNode* v : children(x, "ANNOTATION_VALUE"))
          r.value = text(v);
        if (is(x, "ALIGNABLE_ANNOTATION")) {
          auto s0 = slot_ms.find(attr(x, "TIME_SLOT_REF1"));
          auto s1 = slot_ms.find(attr(x, "TIME_SLOT_REF2"));
          if (s0 != slot_ms.end()) r.start_ms = s0->second;
          if (s1 != slot_ms.end()) r.end_ms = s1->second;
        } else if (is(x, "REF_ANNOTATION")) {
          r.ref = attr(x, "ANNOTATION_REF");
        } else {
          continue;
        }
        ann_index[r.id] = anns.size();
        anns.push_back(r);
      }
  }
  // Reference annotations take their times from the annotation they depend on (chains allowed,
  // cycles not).
  auto root_of = [&](size_t i) -> const ReadAnnotation* {
    const ReadAnnotation* a = &anns[i];
    for (size_t hops = 0; !a->ref.empty() && hops < anns.size(); ++hops) {
      auto it = ann_index.find(a->ref);
      if (it == ann_index.end()) return nullptr;
      a = &anns[it->second];
    }
    return a->ref.empty() ? a : nullptr;
  };

  // Dependent tiers without a vocabulary are notes on their parent's annotations.
  auto is_note_tier = [&](const TierInfo& t) {
    return !t.parent.empty() && cv_of_type[t.type].empty();
  };
  std::map<std::string, std::string> notes;  // annotation id -> note
  for (size_t i = 0; i < anns.size(); ++i)
    if (is_note_tier(tiers[anns[i].tier]) && !anns[i].ref.empty())
      notes[anns[i].ref] += (notes[anns[i].ref].empty() ? "" : "; ") + anns[i].value;

  std::vector<detail::ImportRow> rows;
  ImportReport report;
  for (size_t i = 0; i < anns.size(); ++i) {
    const ReadAnnotation& a = anns[i];
    const TierInfo& tier = tiers[a.tier];
    if (tier.annotator.rfind("model:", 0) == 0) continue;  // the model's own labels
    if (is_note_tier(tier)) continue;
    if (tiers.count(tier.parent) && tiers[tier.parent].annotator.rfind("model:", 0) == 0) continue;
    const std::string where = "annotation " + a.id + " on tier '" + a.tier + "'";
    const ReadAnnotation* timed = root_of(i);
    if (!timed || !timed->start_ms || !timed->end_ms) {
      report.skipped.push_back(where + ": no time (unaligned or dangling reference)");
      continue;
    }
    if (*timed->end_ms < *timed->start_ms) {
      report.skipped.push_back(where + ": ends (" + std::to_string(*timed->end_ms) +
                               " ms) before it starts (" + std::to_string(*timed->start_ms) +
                               " ms)");
      continue;
    }
    std::string value = a.value;
    if (auto it = cve_value.find(a.cve_ref); !a.cve_ref.empty() && it != cve_value.end())
      value = it->second;
    const int64_t f0 = std::llround(static_cast<double>(*timed->start_ms) * fps / 1000.0);
    const int64_t f1 = std::llround(static_cast<double>(*timed->end_ms) * fps / 1000.0) - 1;
    rows.push_back({video, tier.participant.empty() ? "whole video" : tier.participant, value,
                    tier.annotator.empty() ? annotator : tier.annotator,
                    notes.count(a.id) ? notes[a.id] : "", std::to_string(f0),
                    std::to_string(std::max(f0, f1)), where});
  }
  ImportReport mapped = detail::importRows(p, rows, o);
  mapped.skipped.insert(mapped.skipped.begin(), report.skipped.begin(), report.skipped.end());
  return mapped;
}

}  // namespace unilearn::core
