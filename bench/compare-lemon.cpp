// compare-lemon.cpp: the optimal mode's problem solved by LEMON's
// NetworkSimplex, for bench/compare-lemon.py.
//
// Usage: compare-lemon PROBLEM SCORES
//
// PROBLEM (written by compare-lemon.py from the pool files, tab-separated):
//   mentees N            then N lines: id <TAB> row_units
//   mentors M            then M lines: id <TAB> capacity
//   choices K            then K lines: mentee_id <TAB> mentor_id <TAB> units
// where row_units is the part of a pair's value that depends on the young
// person alone (waiting, priority and match bonuses) and the choices are the
// named-choice terms, all in hundredths of a point.
// SCORES: `mentormatch match --dump-scores` output, mentee_id,mentor_id,score
// for every eligible pair.
//
// The graph: a node per young person (supply 1), per mentor, and a sink
// (supply -N). An arc from each young person to each eligible mentor
// (capacity 1, cost -value), from each mentor to the sink (capacity: the
// mentor's), and from each young person straight to the sink (capacity 1,
// cost 0): the "unmatched" outlet. The flow of least cost is the assignment
// of largest total value, the objective of `prefer = quality`
// (docs/matching.md).
//
// Prints, one per line: arcs, build_seconds (reading both files and making
// the graph: not part of the solve), solve_seconds (NetworkSimplex::run()
// alone), optimum_units (the largest total value, in hundredths), matched.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using Graph = lemon::SmartDigraph;
using Cost = long long;
using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string &message) {
  std::fprintf(stderr, "compare-lemon: %s\n", message.c_str());
  std::exit(1);
}

std::string read_file(const char *path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    die(std::string("cannot read ") + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Splits @text into lines (without their ends); views into @text.
std::vector<std::string_view> lines_of(const std::string &text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> fields_of(std::string_view line, char sep) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    size_t end = line.find(sep, start);
    fields.push_back(line.substr(start, end - start));
    if (end == std::string_view::npos)
      return fields;
    start = end + 1;
  }
}

long long whole(std::string_view text) {
  std::string copy(text);
  char *end = nullptr;
  long long value = std::strtoll(copy.c_str(), &end, 10);
  if (copy.empty() || *end != '\0')
    die("not a whole number: " + copy);
  return value;
}

// "87.25" -> 8725, exactly (the dump writes scores to two decimals).
long long score_units(std::string_view text) {
  size_t point = text.find('.');
  long long units = whole(text.substr(0, point)) * 100;
  if (point != std::string_view::npos) {
    std::string_view frac = text.substr(point + 1);
    if (frac.empty() || frac.size() > 2)
      die("score not in hundredths: " + std::string(text));
    long long f = whole(frac);
    units += frac.size() == 1 ? f * 10 : f;
  }
  return units;
}

struct Problem {
  std::vector<long long> row_units;  // per young person
  std::vector<int> capacity;         // per mentor
  std::unordered_map<std::string_view, int> mentee, mentor;
  std::unordered_map<long long, long long> choice;  // i * M + j -> units
};

// Reads the "NAME COUNT" header at lines[k] and returns COUNT.
size_t section(const std::vector<std::string_view> &lines, size_t k,
               const char *name) {
  if (k >= lines.size())
    die(std::string("problem file ends before ") + name);
  auto f = fields_of(lines[k], ' ');
  if (f.size() != 2 || f[0] != name)
    die(std::string("problem file: expected ") + name);
  return static_cast<size_t>(whole(f[1]));
}

Problem read_problem(const std::string &text) {
  Problem p;
  auto lines = lines_of(text);
  size_t k = 0;
  size_t n = section(lines, k++, "mentees");
  for (size_t i = 0; i < n; i++, k++) {
    auto f = fields_of(lines.at(k), '\t');
    p.mentee.emplace(f.at(0), static_cast<int>(i));
    p.row_units.push_back(whole(f.at(1)));
  }
  size_t m = section(lines, k++, "mentors");
  for (size_t j = 0; j < m; j++, k++) {
    auto f = fields_of(lines.at(k), '\t');
    p.mentor.emplace(f.at(0), static_cast<int>(j));
    p.capacity.push_back(static_cast<int>(whole(f.at(1))));
  }
  size_t c = section(lines, k++, "choices");
  for (size_t x = 0; x < c; x++, k++) {
    auto f = fields_of(lines.at(k), '\t');
    long long i = p.mentee.at(f.at(0)), j = p.mentor.at(f.at(1));
    p.choice[i * static_cast<long long>(m) + j] = whole(f.at(2));
  }
  if (p.mentee.size() != n || p.mentor.size() != m)
    die("problem file: ids are not distinct");
  return p;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: compare-lemon PROBLEM SCORES\n");
    return 2;
  }
  auto build_start = Clock::now();
  std::string problem_text = read_file(argv[1]);
  Problem p = read_problem(problem_text);
  std::string scores_text = read_file(argv[2]);
  auto score_lines = lines_of(scores_text);
  if (score_lines.empty())
    die("empty scores file");
  auto header = fields_of(score_lines[0], ',');
  if (header.size() != 3 || header[0] != "mentee_id" ||
      header[1] != "mentor_id" || header[2] != "score")
    die("scores file: expected mentee_id,mentor_id,score");

  const int n = static_cast<int>(p.row_units.size());
  const int m = static_cast<int>(p.capacity.size());
  Graph g;
  g.reserveNode(n + m + 1);
  g.reserveArc(static_cast<int>(score_lines.size()) + n + m);
  std::vector<Graph::Node> mentee_node, mentor_node;
  for (int i = 0; i < n; i++)
    mentee_node.push_back(g.addNode());
  for (int j = 0; j < m; j++)
    mentor_node.push_back(g.addNode());
  Graph::Node sink = g.addNode();
  Graph::ArcMap<int> upper(g);
  Graph::ArcMap<Cost> cost(g);
  Graph::NodeMap<int> supply(g, 0);
  std::vector<Graph::Arc> pair_arcs;
  pair_arcs.reserve(score_lines.size());
  for (size_t k = 1; k < score_lines.size(); k++) {
    if (score_lines[k].empty())
      continue;
    if (score_lines[k].find('"') != std::string_view::npos)
      die("scores file: quoted fields are not read here");
    auto f = fields_of(score_lines[k], ',');
    if (f.size() != 3)
      die("scores file: line " + std::to_string(k + 1));
    int i = p.mentee.at(f[0]), j = p.mentor.at(f[1]);
    long long value = score_units(f[2]) + p.row_units[i];
    auto named = p.choice.find(static_cast<long long>(i) * m + j);
    if (named != p.choice.end())
      value += named->second;
    Graph::Arc a = g.addArc(mentee_node[i], mentor_node[j]);
    upper[a] = 1;
    cost[a] = -value;
    pair_arcs.push_back(a);
  }
  for (int i = 0; i < n; i++) {
    Graph::Arc outlet = g.addArc(mentee_node[i], sink);
    upper[outlet] = 1;
    cost[outlet] = 0;
    supply[mentee_node[i]] = 1;
  }
  for (int j = 0; j < m; j++) {
    Graph::Arc a = g.addArc(mentor_node[j], sink);
    upper[a] = p.capacity[j];
    cost[a] = 0;
  }
  supply[sink] = -n;
  lemon::NetworkSimplex<Graph, int, Cost> simplex(g);
  simplex.upperMap(upper).costMap(cost).supplyMap(supply);
  double build = seconds_since(build_start);

  auto solve_start = Clock::now();
  auto result = simplex.run();
  double solve = seconds_since(solve_start);
  if (result != lemon::NetworkSimplex<Graph, int, Cost>::OPTIMAL)
    die("NetworkSimplex found no optimum");
  long long matched = 0;
  for (Graph::Arc a : pair_arcs)
    matched += simplex.flow(a);
  std::printf("arcs %d\n", g.arcNum());
  std::printf("build_seconds %.6f\n", build);
  std::printf("solve_seconds %.6f\n", solve);
  std::printf("optimum_units %lld\n", -simplex.totalCost<Cost>());
  std::printf("matched %lld\n", matched);
  return 0;
}
