"""What boto3 users do with S3, against the local endpoint: upload_file and download_file
(s3transfer: multipart over 8 MB, ranged downloads), put_object with each checksum algorithm,
presigned GET and PUT URLs, and the list_objects_v2 paginator. Prints one JSON report."""
import hashlib
import json
import sys
import urllib.error
import urllib.request

import boto3
import botocore
from botocore.config import Config

endpoint, bucket, big_file, work_dir, prefix = sys.argv[1:6]
session = boto3.Session(profile_name='local')
s3 = session.client(
    's3',
    endpoint_url=endpoint,
    config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}, retries={'max_attempts': 1}),
)
report = {'botocore': botocore.__version__}


def sha256_of(path):
    with open(path, 'rb') as handle:
        return hashlib.sha256(handle.read()).hexdigest()


s3.upload_file(big_file, bucket, f'{prefix}/big.bin')
s3.download_file(bucket, f'{prefix}/big.bin', f'{work_dir}/{prefix}.copy')
report['bigRoundTrip'] = sha256_of(big_file) == sha256_of(f'{work_dir}/{prefix}.copy')
report['bigETag'] = s3.head_object(Bucket=bucket, Key=f'{prefix}/big.bin')['ETag']

report['checksums'] = {}
for algorithm in ['SHA256', 'SHA1', 'CRC32', 'CRC32C']:
    body = f'checked with {algorithm}'.encode()
    try:
        put = s3.put_object(Bucket=bucket, Key=f'{prefix}/{algorithm}', Body=body, ChecksumAlgorithm=algorithm)
    except botocore.exceptions.MissingDependencyException:
        # botocore without awscrt cannot compute CRC32C: the client's limit, not the endpoint's.
        report['checksums'][algorithm] = 'client cannot compute'
        continue
    read = s3.get_object(Bucket=bucket, Key=f'{prefix}/{algorithm}', ChecksumMode='ENABLED')['Body'].read()
    report['checksums'][algorithm] = {'echoed': put.get(f'Checksum{algorithm}'), 'readBack': read == body}

try:
    s3.put_object(Bucket=bucket, Key=f'{prefix}/bad', Body=b'x', ChecksumSHA256='n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=')
    report['badDigest'] = 'accepted'
except botocore.exceptions.ClientError as error:
    report['badDigest'] = error.response['Error']['Code']

get_url = s3.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': f'{prefix}/SHA256'}, ExpiresIn=60)
report['presignedGet'] = urllib.request.urlopen(get_url).read().decode()
put_url = s3.generate_presigned_url('put_object', Params={'Bucket': bucket, 'Key': f'{prefix}/presigned'}, ExpiresIn=60)
urllib.request.urlopen(urllib.request.Request(put_url, data=b'put by URL', method='PUT'))
report['presignedPut'] = s3.get_object(Bucket=bucket, Key=f'{prefix}/presigned')['Body'].read().decode()
try:
    urllib.request.urlopen(urllib.request.Request(get_url, method='DELETE'))
    report['presignedWrongMethod'] = 'accepted'
except urllib.error.HTTPError as error:
    report['presignedWrongMethod'] = error.code

pages = s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=f'{prefix}/', PaginationConfig={'PageSize': 2})
report['pages'] = [[entry['Key'] for entry in page.get('Contents', [])] for page in pages]
resource_bucket = session.resource('s3', endpoint_url=endpoint).Bucket(bucket)
# The resource API lists with the original ListObjects (markers), one page of 2 at a time.
report['resourceKeys'] = sorted(entry.key for entry in resource_bucket.objects.filter(Prefix=f'{prefix}/').page_size(2))
print(json.dumps(report))
