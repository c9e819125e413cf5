#!/usr/bin/perl
# Prints every failed test of the given .trx files (Visual Studio test results, as `dotnet test --logger trx`
# writes them) as `FAILED <name>` followed by the first lines of its error message and stack trace, indented,
# so a CI log that keeps only its tail still says which test failed and why.
#
#   perl ops/trx-failures.pl artifacts/test-results/*.trx
#   MESSAGE_LINES=40 perl ops/trx-failures.pl results.trx
#
# Only perl-base's core is used (no XML module): a .trx is regular enough for patterns, and every Debian
# machine has perl-base.
use strict;
use warnings;

binmode STDOUT, ":encoding(UTF-8)";
my $message_lines = $ENV{MESSAGE_LINES} // 12;
my $stack_lines = $ENV{STACK_LINES} // 6;

sub unescape {
    my ($text) = @_;
    $text =~ s/&#x([0-9A-Fa-f]+);/chr(hex($1))/ge;
    $text =~ s/&#([0-9]+);/chr($1)/ge;
    $text =~ s/&lt;/</g;
    $text =~ s/&gt;/>/g;
    $text =~ s/&quot;/"/g;
    $text =~ s/&apos;/'/g;
    $text =~ s/&amp;/&/g;
    $text =~ s/\r//g;
    return $text;
}

sub first_lines {
    my ($text, $count) = @_;
    my @lines = grep { /\S/ } split /\n/, unescape($text);
    my $more = @lines > $count ? @lines - $count : 0;
    splice @lines, $count if $more;
    push @lines, "... ($more more lines in the .trx)" if $more;
    return map { "    $_\n" } @lines;
}

for my $file (@ARGV) {
    open my $in, '<:encoding(UTF-8)', $file or do { warn "trx-failures: $file: $!\n"; next };
    local $/;
    my $trx = <$in>;
    close $in;
    # One <UnitTestResult ...>...</UnitTestResult> per test (a passed one may be self-closing); attribute order varies.
    while ($trx =~ m{<UnitTestResult\b([^>]*?)(?:/>|>(.*?)</UnitTestResult>)}gs) {
        my ($attributes, $body) = ($1, $2 // '');
        next unless $attributes =~ /\boutcome="Failed"/;
        my ($name) = $attributes =~ /\btestName="([^"]*)"/;
        print 'FAILED ', unescape($name // '(unnamed test)'), "\n";
        if ($body =~ m{<Message>(.*?)</Message>}s) {
            print first_lines($1, $message_lines);
        }
        if ($body =~ m{<StackTrace>(.*?)</StackTrace>}s) {
            print first_lines($1, $stack_lines);
        }
    }
}
