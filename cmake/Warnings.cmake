# Compiler flags every target of the project gets: strict warnings as errors, and the
# AddressSanitizer + UndefinedBehaviorSanitizer instrumentation when NIANBAO_SANITIZE is on.
add_compile_options(-Wall -Wextra -Werror)
if(NIANBAO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
