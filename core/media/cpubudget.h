#pragma once

namespace fp {

// How many processors this process reports to the libraries it loads, through
// sysconf(_SC_NPROCESSORS_ONLN); 0 reports the real count again.
//
// Why: Debian 12's OpenCV 4.6 opens every FFmpeg decoder with thread_count =
// sysconf(_SC_NPROCESSORS_ONLN) and has no capture property to change it (CAP_PROP_N_THREADS
// came later). N workers on N cores would each run N frame-decoding threads: N² threads, and
// each thread's frames held in memory. The worker's own decoder (VideoReader) is given its
// thread count; this count holds for what the libraries open by themselves, such as a user's
// script's cv2.VideoCapture. The worker sets it before it loads any.
//
// Works by defining sysconf() in this library: an executable that links the object defining
// this function exports sysconf, which the dynamic linker then binds every library's calls to.
// Other sysconf queries pass straight to the C library.
void setReportedProcessorCount(int processors);

} // namespace fp
