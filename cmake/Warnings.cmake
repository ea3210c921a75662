# Compiler flags every target of the project gets: strict warnings (errors only with NIANBAO_WERROR,
# which the project's own scripts and CI turn on), and ASan + UBSan when NIANBAO_SANITIZE is on.
option(NIANBAO_WERROR "Treat warnings as errors (the project's own test and CI builds)" OFF)
add_compile_options(-Wall -Wextra)
if(NIANBAO_WERROR)
  add_compile_options(-Werror)
endif()
if(NIANBAO_SANITIZE)
  # g++ 12's flow analysis misfires under the sanitizers' instrumentation (e.g. inside <regex> and
  # std::function); the normal build keeps -Wmaybe-uninitialized as an error.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
                      -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=address,undefined)
endif()
if(NIANBAO_FUZZ)
  # Coverage instrumentation for every library the libFuzzer targets link (clang only).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
