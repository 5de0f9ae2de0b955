#include "cli/cli.h"

int main(int argc, char** argv) { return ct::cli::Run(argc, argv); }
