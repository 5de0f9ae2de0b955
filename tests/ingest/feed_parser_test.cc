#include "ingest/feed_parser.h"

#include <catch2/catch.hpp>
