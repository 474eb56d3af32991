// The `unilearn` subcommands. Each returns the process exit code and reports errors by throwing
// unilearn::Error or cli::UsageError, which main() turns into one line on stderr.
#pragma once

#include <string>
#include <vector>

namespace unilearn::cli {

int runInfo(const std::vector<std::string>& args);
int runForward(const std::vector<std::string>& args);
int runConvert(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runFaces(const std::vector<std::string>& args);
int runBenchMedia(const std::vector<std::string>& args);
int runAnalyze(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runAgree(const std::vector<std::string>& args);
int runStats(const std::vector<std::string>& args);
int runEvents(const std::vector<std::string>& args);
int runSuggest(const std::vector<std::string>& args);
int runBaseline(const std::vector<std::string>& args);
int runImport(const std::vector<std::string>& args);
int runBenchTimeline(const std::vector<std::string>& args);
int runRouting(const std::vector<std::string>& args);
int runHeads(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runBenchTrain(const std::vector<std::string>& args);
int runPretrain(const std::vector<std::string>& args);
int runBenchPretrain(const std::vector<std::string>& args);
int runDistill(const std::vector<std::string>& args);

}  // namespace unilearn::cli
