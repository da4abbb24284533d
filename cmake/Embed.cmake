# meridian_embed(TARGET name FILES logical=path ...): compiles files into the binary so that
# `meridian` ships as one self-contained executable (templates, stylesheet, demo facts).
add_executable(meridian_embed_tool ${CMAKE_SOURCE_DIR}/tools/embed.cpp)
target_link_libraries(meridian_embed_tool PRIVATE meridian_warnings)

function(meridian_embed)
  cmake_parse_arguments(ARG "" "TARGET" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_assets.cpp)
  set(deps)
  set(args)
  foreach(entry IN LISTS ARG_FILES)
    string(REPLACE "=" ";" parts ${entry})
    list(GET parts 0 logical)
    list(GET parts 1 path)
    list(APPEND deps ${path})
    list(APPEND args "${logical}=${path}")
  endforeach()
  add_custom_command(OUTPUT ${out}
    COMMAND meridian_embed_tool ${out} ${args}
    DEPENDS meridian_embed_tool ${deps}
    COMMENT "Embedding assets into ${ARG_TARGET}"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC ${out})
  target_include_directories(${ARG_TARGET} PRIVATE ${CMAKE_SOURCE_DIR}/src)
endfunction()
