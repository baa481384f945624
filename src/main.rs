fn main() {
    std::process::exit(brink::cli::main());
}
