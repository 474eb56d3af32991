// `unilearn`: the command-line face of UniLearn Studio.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <c10/util/Exception.h>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "model/base/error.h"
#include "model/runtime.h"

namespace {

const char* kUsage =
    "usage: unilearn COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  info     [--config NAME|FILE.json] [--weights FILE] [--keys]\n"
    "           show a model's config and parameter count (default: the paper's model)\n"
    "  forward  --config NAME|FILE.json --weights FILE --input X.pt --output Y.pt\n"
    "           [--mode deterministic|official] [--seed N] [--routing]\n"
    "           run the network on a tensor saved by Python's torch.save\n"
    "  convert  IN OUT.safetensors [--config NAME|FILE.json] [--partial] [--fp16]\n"
    "           [--face-margin M]\n"
    "           convert an authors' checkpoint (.pth) to our model file; --face-margin: the\n"
    "           crop margin the model was trained on (0: tight crops as FER+'s; default 0.25)\n"
    "  bench    --config NAME [--batch B] [--threads N] [--repeat R] [--mode M]\n"
    "           [--routing] [--trace-overhead] [--precision fp32|bf16|int8]\n"
    "           time clips and still images (and what the routing trace costs)\n"
    "  faces    VIDEO | --camera ID|PIPELINE [--out faces.csv] [--preview DIR] [--every N]\n"
    "           [--max-frames N] [--detector auto|128|256] [--blendshapes] [--landmarks]\n"
    "           per frame and face: track id, box, keypoints, score, static expression;\n"
    "           --blendshapes adds 52 bs_<name> scores and AU-like AU01_r.. columns (not FACS\n"
    "           codes, see docs/action-units.md), --landmarks 478 x_i, y_i, z_i (image pixels)\n"
    "  bench-media VIDEO [--frames N] [--threads N] [--no-landmarks]\n"
    "           frames/s of decoding, detection, tracking + alignment, landmarks + blendshapes,\n"
    "           the whole pipeline\n"
    "\n"
    "  analyze  VIDEO... --project P.ulproj [--model FILE|NAME] [--static-only] [--every N]\n"
    "           [--hop FRAMES] [--batch B] [--again] [--precision fp32|bf16|int8]\n"
    "           [--blendshapes] [--landmarks] [--frame-model static|unilearn|combined]\n"
    "           faces, per-frame expressions (--frame-model: the static model, the UniLearn\n"
    "           model's image head, or both combined, the default where the model's image head\n"
    "           has the seven expressions), blendshapes, landmarks and UniLearn windows into a\n"
    "           project (resumable; a\n"
    "           video already analysed with the same model and settings is kept unless --again)\n"
    "  analyze  --camera ID --project P.ulproj [--seconds N] [--stats-every S]\n"
    "           [--model ...|--static-only]\n"
    "           the same, live from a camera (index, /dev/videoN, GStreamer pipeline)\n"
    "  export   P.ulproj --format csv|annotations|json|eaf|tsv --out FILE|-\n"
    "           [--video NAME] [--frames]\n"
    "           windows (and frames) per track as CSV, everything as JSON, ELAN, BORIS-style TSV\n"
    "  import   P.ulproj --eaf FILE | --tsv FILE | --csv FILE [--annotator NAME] [--scheme "
    "DFEW-7]\n"
    "           [--subjects \"Client=face 1,...\"] [--dry-run]\n"
    "           human annotations (ELAN, BORIS-style TSV, CSV); what does not map is listed\n"
    "  stats    P.ulproj [--video NAME] [--scheme S] [--from TIME] [--to TIME] [--out F|-]\n"
    "           [--epochs SCHEME]\n"
    "           per person and rater: time and share in each emotion, bouts, latency (CSV);\n"
    "           --epochs: per annotation of SCHEME (baseline, task, ...), each its own stretch\n"
    "  events   P.ulproj [--annotator blendshapes] [--dry-run]\n"
    "           blinks, smiles, Duchenne-like smiles from the blendshapes (analyze\n"
    "           --blendshapes) as annotations of the Blinks and Smiles schemes; per person:\n"
    "           blinks per minute, smiles, time smiling\n"
    "  suggest  P.ulproj [--video NAME] [--annotator NAME] [--scheme DFEW-7] [--limit 20]\n"
    "           what to label next: where coders disagree, then where the model is least sure\n"
    "           and the annotator has not labelled\n"
    "  baseline P.ulproj --person NAME [--video NAME] --from TIME --to TIME | --clear\n"
    "           a person's neutral baseline (kept for their sessions of the same name)\n"
    "  agree    P.ulproj --a NAME --b NAME|model [--scheme DFEW-7]\n"
    "           Cohen's kappa (and weighted kappa) frame by frame, per class, confusion\n"
    "  routing  VIDEO --project P.ulproj --out routing.csv [--model FILE|NAME]\n"
    "           per clip window and MoE layer: expert shares and mean gate weights\n"
    "  heads    P.ulproj [--video NAME]\n"
    "           class shares by the clip head and the frame-averaged image head, and agreement\n"
    "  train    JOB.json [--restart]\n"
    "           fine-tune on labelled clips and stills (a project's annotations or a list);\n"
    "           resumes an interrupted run unless --restart\n"
    "  evaluate MODEL|static --data LIST|FER+/label.csv [--format ferplus] [--limit N] [--split "
    "S]\n"
    "           [--sampling-rate N] [--json OUT.json] [--app-path [--face-size PX] [--margin M]]\n"
    "           [--precision fp32|bf16|int8] [--probabilities OUT.csv] [--frame-model combined]\n"
    "           [--synthetic-clips N] [--skin-tone]\n"
    "           the official test protocol: WAR, UAR, per-class recall, confusion matrix;\n"
    "           --probabilities: each sample's truth, prediction and class probabilities;\n"
    "           --frame-model combined: stills by the static model and head.image combined;\n"
    "           --synthetic-clips N: also N clips synthesised from the stills (head.video);\n"
    "           --skin-tone: grey stills given a skin tone each (seeded) before anything else\n"
    "  bench-train [--config NAME] [--train all|experts|heads] [--video-batch B]\n"
    "           [--image-batch B] [--steps N]   training steps per second and memory\n"
    "  pretrain JOB.json [--restart] [--rank R --world-size N --rendezvous FILE]\n"
    "           masked-autoencoder pre-training on unlabelled faces (a list or a project)\n"
    "  distill  JOB.json [--out MODEL.safetensors] [--card CARD.md]\n"
    "           distil a UniLearn model from the static model on real faces (the shipped one)\n"
    "  bench-pretrain [--config NAME] [--video-batch B] [--image-batch B] [--steps N]\n"
    "           pre-training steps per second, against fine-tuning steps\n"
    "  bench-timeline P.ulproj [--video NAME] [--repeat R] [--synthesize HOURS]\n"
    "           time to open a project and load a video's timeline\n"
    "\n"
    "presets: unilearn-b16-160 (paper), unilearn-s16-160, unilearn-t16-160\n"
    "global: --threads N sets LibTorch's thread count (default: all cores)\n";

// --threads N (0: all cores); -1 when it is not a number from 0 to 256.
int threadsFrom(const std::vector<std::string>& args) {
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--threads") {
      const std::string& v = args[i + 1];
      if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos)
        return -1;
      const int n = std::stoi(v);
      return n <= 256 ? n : -1;
    }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  unilearn::ensurePassiveOpenMp(argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  const int threads = threadsFrom(args);
  if (threads < 0) {
    std::fputs("unilearn: --threads takes a number from 0 (all cores) to 256\n", stderr);
    return 2;
  }
  unilearn::configureRuntime(threads);
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "info") return unilearn::cli::runInfo(args);
    if (command == "forward") return unilearn::cli::runForward(args);
    if (command == "convert") return unilearn::cli::runConvert(args);
    if (command == "bench") return unilearn::cli::runBench(args);
    if (command == "faces") return unilearn::cli::runFaces(args);
    if (command == "bench-media") return unilearn::cli::runBenchMedia(args);
    if (command == "analyze") return unilearn::cli::runAnalyze(args);
    if (command == "export") return unilearn::cli::runExport(args);
    if (command == "heads") return unilearn::cli::runHeads(args);
    if (command == "agree") return unilearn::cli::runAgree(args);
    if (command == "stats") return unilearn::cli::runStats(args);
    if (command == "events") return unilearn::cli::runEvents(args);
    if (command == "suggest") return unilearn::cli::runSuggest(args);
    if (command == "baseline") return unilearn::cli::runBaseline(args);
    if (command == "import") return unilearn::cli::runImport(args);
    if (command == "bench-timeline") return unilearn::cli::runBenchTimeline(args);
    if (command == "routing") return unilearn::cli::runRouting(args);
    if (command == "train") return unilearn::cli::runTrain(args);
    if (command == "evaluate") return unilearn::cli::runEvaluate(args);
    if (command == "bench-train") return unilearn::cli::runBenchTrain(args);
    if (command == "pretrain") return unilearn::cli::runPretrain(args);
    if (command == "bench-pretrain") return unilearn::cli::runBenchPretrain(args);
    if (command == "distill") return unilearn::cli::runDistill(args);
    std::fprintf(stderr, "unilearn: unknown command '%s' (see unilearn --help)\n", command.c_str());
    return 2;
  } catch (const unilearn::cli::UsageError& e) {
    std::fprintf(stderr, "unilearn %s: %s (see unilearn --help)\n", command.c_str(),
                 e.message.c_str());
    return 2;
  } catch (const unilearn::Error& e) {
    std::fprintf(stderr, "unilearn %s: error: %s\n", command.c_str(), e.what());
    return 1;
  } catch (const c10::Error& e) {
    std::string msg = e.what_without_backtrace();
    std::fprintf(stderr, "unilearn %s: error: %s\n", command.c_str(),
                 msg.substr(0, msg.find('\n')).c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unilearn %s: internal error: %s\n", command.c_str(), e.what());
    return 1;
  }
}
